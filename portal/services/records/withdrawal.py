"""A family withdrawing their referral: recorded, their details removed, the front door told.

The check is the phone number or email address they gave, so a reference
alone (which may be seen on a shared phone) is not enough to withdraw.
The same answer is given for a wrong reference and a wrong check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from portal.data import referral_store
from portal.data.models import Referral, ReferralAuditEvent, ReferralEntry, utcnow
from portal.extensions import db
from portal.services.delivery import notifications
from portal.services.records.redaction import redact
from portal.services.records.subject_access import phone_key

REFERENCE = re.compile(r"^EH-[A-Z0-9]{3}-[A-Z0-9]{3}$")


class NotFound(LookupError):
    """No referral with that reference and those details (deliberately one answer for both)."""


@dataclass(frozen=True)
class Withdrawn:
    reference: str
    already: bool


def tidy_reference(text: str) -> str:
    """ "eh abc def", "EHABCDEF" and "EH-ABC-DEF" are the same reference."""
    letters = re.sub(r"[^A-Z0-9]", "", (text or "").upper())
    if letters.startswith("EH"):
        letters = letters[2:]
    return f"EH-{letters[:3]}-{letters[3:6]}" if len(letters) == 6 else ""


def matches(referral: Referral, check: str) -> bool:
    contact = referral.contact or {}
    given = (check or "").strip()
    if not given:
        return False
    if "@" in given:
        return given.casefold() == str(contact.get("email") or "").casefold()
    mine = phone_key(str(contact.get("phone") or ""))
    return len(mine) >= 9 and phone_key(given) == mine


def withdraw(reference_text: str, check: str, channel: str = "web") -> Withdrawn:
    """Withdraw consent for one referral; doing it twice is harmless."""
    reference = tidy_reference(reference_text)
    referral = referral_store.by_reference(reference) if REFERENCE.match(reference) else None
    if referral is None:
        raise NotFound(reference_text)
    consent = referral_store.consent_for(referral)
    if referral.redacted_reason == "withdrawn" or (consent is not None and consent.withdrawn_at):
        return Withdrawn(referral.reference, already=True)
    if not matches(referral, check):
        raise NotFound(reference_text)
    try:
        now = utcnow()
        if consent is not None:
            consent.withdrawn_at = now
            consent.withdrawn_channel = channel
        referral.status = "withdrawn"
        db.session.add(
            ReferralEntry(
                referral_id=referral.id,
                user_id=None,
                kind="withdrawn",
                text="The family withdrew their consent; their details were removed.",
            )
        )
        redact(referral, "withdrawn")
        db.session.add(ReferralAuditEvent(referral_id=referral.id, user_id=None, action="withdrawn"))
        notifications.queue_for(referral, "withdrawn")
        db.session.commit()  # all of it, or none of it
    except SQLAlchemyError:
        db.session.rollback()
        raise
    return Withdrawn(referral.reference, already=False)
