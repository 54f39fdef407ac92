"""A referral as a worker opens it, and the audit line every look leaves.

Views call these rather than the data layer, so no page can show a referral, print it or
export it without the audit row being written (viewed, printed, exported).
"""

from __future__ import annotations

from typing import Any

from portal.data import referral_store, staff_store
from portal.data.models import Referral, StaffUser
from portal.services.frontdoor import queue as frontdoor_queue
from portal.services.frontdoor import work as referral_work
from portal.services.referrals.consent import kept

AUDITORS = ("manager", "admin")  # who sees the audit trail on a referral's page


def find(reference: str) -> Referral | None:
    return referral_store.by_reference(reference)


def contents(referral: Referral) -> dict[str, Any]:
    """What the referral page and its print view both show."""
    return {
        "decisions": referral_work.DECISIONS,
        "history": referral_store.history(referral),
        "referral": referral,
        "consent": (consent := referral_store.consent_for(referral)),
        "consent_words": kept(consent.wording_version) if consent is not None else None,
        "assignee": staff_store.get(referral.assigned_to) if referral.assigned_to else None,
        "hours_left": frontdoor_queue.hours_left(referral),
    }


def audit_trail(referral: Referral, staff: StaffUser) -> list[Any]:
    """Who looked and what they did, for managers and admins only."""
    return referral_store.audit_for(referral) if staff.role in AUDITORS else []


def opened(referral: Referral, staff: StaffUser, how: str = "viewed") -> None:
    """One audit line: viewed, printed or exported_json."""
    referral_store.record_audit(referral, staff, how)


def exported(referrals: list[Referral], staff: StaffUser, how: str = "exported_csv") -> None:
    """One audit line per referral in a list export, in one commit."""
    referral_store.record_audits(referrals, staff, how)
