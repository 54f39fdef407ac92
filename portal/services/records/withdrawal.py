"""A family withdrawing their referral: recorded, their details removed, the front door told.

The check is the phone number or email address they gave, so a reference
alone (which may be seen on a shared phone) is not enough to withdraw.
The same answer is given for a wrong reference and a wrong check, and for a
request already withdrawn unless the check is right (a keyed hash of it is
kept when the details go), so the form tells nobody which references exist.

A referral whose conversation raised a safeguarding concern is withdrawn but
not emptied: the council's duty to act on a risk to a child outlives the
family's withdrawal (Working Together to Safeguard Children 2023). Its details
are kept for the front door, which is told, and the family is told so plainly.
They go when the retention period ends, like every referral's.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from portal.data import chat_store, referral_store
from portal.data.models import Referral, ReferralAuditEvent, ReferralEntry, utcnow
from portal.extensions import db
from portal.services.delivery import notifications
from portal.services.reading.phone import lookup_key
from portal.services.records.redaction import redact

REFERENCE = re.compile(r"^EH-[A-Z0-9]{3}-[A-Z0-9]{3}$")


class NotFound(LookupError):
    """No referral with that reference and those details (deliberately one answer for both)."""


@dataclass(frozen=True)
class Withdrawn:
    reference: str
    already: bool
    kept_for_safety: bool = False  # a safeguarding concern: the details stay with the front door


def tidy_reference(text: str) -> str:
    """ "eh abc def", "EHABCDEF" and "EH-ABC-DEF" are the same reference."""
    letters = re.sub(r"[^A-Z0-9]", "", (text or "").upper())
    if letters.startswith("EH"):
        letters = letters[2:]
    return f"EH-{letters[:3]}-{letters[3:6]}" if len(letters) == 6 else ""


def _normalised(check: str) -> str:
    given = (check or "").strip()
    return given.casefold() if "@" in given else lookup_key(given)


def _check_key(check: str) -> str:
    """What is kept of the check once the details go: enough to recognise it, not to read it."""
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(secret, f"withdrawal:{_normalised(check)}".encode(), hashlib.sha256).hexdigest()


def matches(referral: Referral, check: str, kept_check: str | None = None) -> bool:
    contact = referral.contact or {}
    given = (check or "").strip()
    if not given:
        return False
    if kept_check:  # already withdrawn: only the keyed hash of the check is left
        return hmac.compare_digest(kept_check, _check_key(given))
    if "@" in given:
        return given.casefold() == str(contact.get("email") or "").casefold()
    mine = lookup_key(str(contact.get("phone") or ""))
    return len(mine) >= 9 and lookup_key(given) == mine


def _raised_a_concern(referral: Referral) -> bool:
    """Flagged, and the conversation got a full safety reply (a pattern, the classifier sure, or
    the assistant's NLU). A classifier that was only unsure gave a line of numbers, not a
    disclosure, and keeps nothing against the family's wish. When the conversation is gone
    (purged), the flag alone decides: keep."""
    if not referral.safeguarding_flag:
        return False
    conversation = chat_store.conversation_by_key(referral.conversation_key or "")
    if conversation is None:
        return True
    return any(event.source != "unsure" for event in chat_store.safeguarding_events(conversation))


def withdraw(reference_text: str, check: str, channel: str = "web") -> Withdrawn:
    """Withdraw consent for one referral; doing it twice is harmless."""
    reference = tidy_reference(reference_text)
    referral = referral_store.by_reference(reference) if REFERENCE.match(reference) else None
    if referral is None:
        raise NotFound(reference_text)
    consent = referral_store.consent_for(referral)
    if not matches(referral, check, consent.withdrawn_check if consent is not None else None):
        raise NotFound(reference_text)
    kept = _raised_a_concern(referral)
    if referral.status == "withdrawn" or (consent is not None and consent.withdrawn_at):
        return Withdrawn(referral.reference, already=True, kept_for_safety=kept)
    try:
        now = utcnow()
        if consent is not None:
            consent.withdrawn_at = now
            consent.withdrawn_channel = channel
            consent.withdrawn_check = _check_key(check)
        referral.status = "withdrawn"
        text = (
            "The family withdrew their consent. Their details are kept because the conversation raised "
            "a safeguarding concern: decide whether the council must still act before closing this."
            if kept
            else "The family withdrew their consent; their details were removed."
        )
        db.session.add(ReferralEntry(referral_id=referral.id, user_id=None, kind="withdrawn", text=text))
        if not kept:
            redact(referral, "withdrawn")
        db.session.add(ReferralAuditEvent(referral_id=referral.id, user_id=None, action="withdrawn"))
        notifications.queue_for(referral, "withdrawn")
        db.session.commit()  # all of it, or none of it
    except SQLAlchemyError:
        db.session.rollback()
        raise
    return Withdrawn(referral.reference, already=False, kept_for_safety=kept)
