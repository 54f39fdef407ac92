"""Referrals leaving the workspace: one referral as JSON, the queue as CSV.

The JSON holds what a worker sees on the referral page, for a case system or a
record kept off-line. The CSV is for counting and planning, so it holds no free
text and nothing to contact or find a family by: no own words, children's names,
phone, email, contact times, notes, decision reasons, and no postcode (an area
that is not one of the council's area names is left out). Every export is
written to the referral's audit by the view that sends it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from portal.data import referral_store, staff_store
from portal.data.models import Referral, as_utc
from portal.i18n import LANGUAGES
from portal.services.frontdoor.queue import QueueRow, hours_left
from portal.services.frontdoor.work import DECISIONS
from portal.services.reading.phone import national
from portal.services.referrals.consent import kept_as_dict
from portal.taxonomy import AGE_BANDS_BY_KEY, AREAS, NEEDS_BY_KEY

CSV_COLUMNS = (
    "reference",
    "received",
    "status",
    "safeguarding_flag",
    "needs",
    "age_bands",
    "area",
    "language",
    "channel",
    "assigned_to",
    "decision",
    "hours_left",
)
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def iso_utc(moment: datetime | None) -> str | None:
    """ISO-8601 in UTC with a Z, whatever the database handed back."""
    if moment is None:
        return None
    return as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def _label(value: object) -> str:
    return str(value)  # lazy labels: the front door's locale is always English


def referral_as_dict(referral: Referral, now: datetime | None = None) -> dict[str, Any]:
    """Everything on the referral page (except the managers' audit list), as plain data."""
    consent = referral_store.consent_for(referral)
    assignee = staff_store.get(referral.assigned_to) if referral.assigned_to else None
    contact = referral.contact or {}
    language = LANGUAGES.get(referral.lang)
    return {
        "reference": referral.reference,
        "status": referral.status,
        "received_at": iso_utc(referral.created_at),
        "decision_hours_left": hours_left(referral, now),
        "safeguarding_flag": referral.safeguarding_flag,
        "needs": [
            {"key": key, "label": _label(NEEDS_BY_KEY[key].label) if key in NEEDS_BY_KEY else key}
            for key in referral.needs or []
        ],
        "children": [
            {
                "age_band": child.get("age_band"),
                "age_band_label": _label(AGE_BANDS_BY_KEY[child["age_band"]].label)
                if child.get("age_band") in AGE_BANDS_BY_KEY
                else None,
                "name": child.get("name") or None,
            }
            for child in referral.children or []
        ],
        "for_self": referral.for_self,
        "own_words": {
            "text": referral.own_words,
            "lang": referral.lang,
            "language": language.english_name if language else referral.lang,
        },
        "channel": referral.channel,
        "interpreter_lang": referral.interpreter_lang,
        "area": referral.area,
        "contact": {
            "method": contact.get("method"),
            "phone": national(str(contact.get("phone") or "")) or None,  # as a worker would dial it
            "email": contact.get("email") or None,
            "times": contact.get("times") or None,
            "safe_to_message": bool(contact.get("safe_to_message")),
        },
        "consent": None
        if consent is None
        else {
            "wording_version": consent.wording_version,
            "words": kept_as_dict(consent.wording_version),  # exactly what the family agreed to
            "lang": consent.lang,
            "channel": consent.channel,
            "given_at": iso_utc(consent.created_at),
            "share_with_front_door": consent.share_with_front_door,
            "share_with_partners": consent.share_with_partners,
            "own_consent": consent.own_consent,
            "withdrawn_at": iso_utc(consent.withdrawn_at),
            "withdrawn_channel": consent.withdrawn_channel,
        },
        "withdrawn": referral.status == "withdrawn" or bool(consent and consent.withdrawn_at),
        "redacted_at": iso_utc(referral.redacted_at),
        "redacted_reason": referral.redacted_reason,
        "assigned_to": None if assignee is None else {"name": assignee.name, "email": assignee.email},
        "decision": None
        if referral.decision is None
        else {
            "key": referral.decision,
            "label": DECISIONS.get(referral.decision, referral.decision),
            "reason": referral.decision_reason,
        },
        "history": [
            {"at": iso_utc(entry.created_at), "by": email, "kind": entry.kind, "text": entry.text}
            for entry, email in referral_store.history(referral)
        ],
    }


def neutralise(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe.

    Numbers pass untouched: a negative hours_left is a number, not a formula.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_row(row: QueueRow, names: dict[int, str]) -> list[object]:
    """One referral's line: keys, codes and counts only (see the module docstring)."""
    referral = row.referral
    return [
        referral.reference,
        iso_utc(referral.created_at),
        referral.status,
        "yes" if referral.safeguarding_flag else "no",
        ";".join(referral.needs or []),
        ";".join(str(child.get("age_band", "")) for child in referral.children or []),
        referral.area if referral.area in AREAS else "",
        referral.lang,
        referral.channel,
        names.get(referral.assigned_to, "") if referral.assigned_to else "",
        referral.decision or "",
        row.hours_left,
    ]


def queue_csv(rows: Iterable[QueueRow]) -> str:
    """The queue as CSV text, with a byte-order mark so Excel reads it as UTF-8."""
    rows = list(rows)
    names = referral_store.staff_names({r.referral.assigned_to for r in rows if r.referral.assigned_to})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in csv_row(row, names)])
    return "\ufeff" + out.getvalue()
