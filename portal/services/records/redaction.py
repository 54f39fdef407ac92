"""Removing what identifies a family from a referral, keeping what the council counts.

Used when a family withdraws consent and when the retention period ends. What
stays: the reference, status, dates, needs, children's age bands, language,
channel, area name (a postcode goes), contact method, the safeguarding flag,
the decision and the consent record's answers — enough for the council's
figures and its own accountability, nothing to find the family by.
"""

from __future__ import annotations

from portal.data import referral_store
from portal.data.models import Referral, utcnow
from portal.taxonomy import AREAS

REMOVED = "[removed]"
REASONS = ("withdrawn", "retention")


def redact(referral: Referral, reason: str) -> None:
    """Blank the personal details in place; the caller commits with its other changes."""
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {REASONS}")
    referral.own_words = ""
    referral.children = [{"age_band": child.get("age_band", "any")} for child in referral.children or []]
    referral.contact = {"method": (referral.contact or {}).get("method")}
    if referral.area not in AREAS:
        referral.area = None
    if referral.decision_reason:
        referral.decision_reason = REMOVED
    for entry in referral_store.entries_of(referral):
        if entry.text:
            entry.text = REMOVED
    referral.redacted_at = utcnow()
    referral.redacted_reason = reason
