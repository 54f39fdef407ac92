"""A subject access request: everything the portal holds about one family.

A family (or the council's data protection officer on their behalf) names them
by a referral reference, a phone number or an email address. Phone numbers are
written freely ("07700 900456", "+44 7700 900456"), so they are compared by
their E.164 form (reading.phone.lookup_key); emails ignore case. The copy holds
each matching referral with its consent records, history, audit trail and
notifications, and each referral included gets a "subject_access" audit line,
so the record shows when a copy was made. The data protection officer reviews
the copy before it is sent (third parties, safeguarding exemptions).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from portal.data import referral_store, staff_store
from portal.data.models import Referral, as_utc
from portal.services.reading.phone import lookup_key
from portal.services.records import transcripts
from portal.services.referrals.consent import kept_as_dict

AUDIT_ACTION = "subject_access"
# Fewer digits than this would match far too much ("0", "44").
MIN_PHONE_DIGITS = 6


class SubjectAccessError(ValueError):
    """The request cannot be answered as asked (nothing matches, or how to look is unclear)."""


def email_key(email: str) -> str:
    return email.strip().casefold()


def find(
    *, reference: str | None = None, phone: str | None = None, email: str | None = None
) -> list[Referral]:
    """The referrals that match exactly one selector, oldest first."""
    if sum(value is not None for value in (reference, phone, email)) != 1:
        raise SubjectAccessError("Give exactly one of --reference, --phone or --email.")
    if reference is not None:
        found = referral_store.by_reference(reference.strip().upper())
        return [found] if found is not None else []
    if phone is not None:
        if len(re.sub(r"\D", "", phone)) < MIN_PHONE_DIGITS:
            raise SubjectAccessError(f"A phone number needs at least {MIN_PHONE_DIGITS} digits.")
        wanted = lookup_key(phone)
        ids = [
            referral_id
            for referral_id, contact in referral_store.contact_details()
            if isinstance(contact.get("phone"), str) and lookup_key(contact["phone"]) == wanted
        ]
    else:
        wanted = email_key(email or "")
        if "@" not in wanted:
            raise SubjectAccessError("An email address needs an @.")
        ids = [
            referral_id
            for referral_id, contact in referral_store.contact_details()
            if isinstance(contact.get("email"), str) and email_key(contact["email"]) == wanted
        ]
    return referral_store.by_ids(ids)


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def referral_record(referral: Referral) -> dict[str, Any]:
    """One referral and everything attached to it, as plain data."""
    assignee = staff_store.get(referral.assigned_to) if referral.assigned_to else None
    return {
        "reference": referral.reference,
        "status": referral.status,
        "created_at": _time(referral.created_at),
        "lang": referral.lang,
        "channel": referral.channel,
        "for_self": referral.for_self,
        "needs": list(referral.needs or []),
        "children": [dict(child) for child in referral.children or []],
        "own_words": referral.own_words,
        "contact": dict(referral.contact or {}),
        "interpreter_lang": referral.interpreter_lang,
        "area": referral.area,
        "safeguarding_flag": referral.safeguarding_flag,
        "assigned_to": assignee.name if assignee else None,
        "decision": referral.decision,
        "decision_reason": referral.decision_reason,
        "redacted_at": _time(referral.redacted_at),
        "redacted_reason": referral.redacted_reason,
        "consent": [
            {
                "wording_version": consent.wording_version,
                "words": kept_as_dict(consent.wording_version),
                "lang": consent.lang,
                "channel": consent.channel,
                "given_at": _time(consent.created_at),
                "share_with_front_door": consent.share_with_front_door,
                "share_with_partners": consent.share_with_partners,
                "own_consent": consent.own_consent,
                "withdrawn_at": _time(consent.withdrawn_at),
                "withdrawn_channel": consent.withdrawn_channel,
            }
            for consent in referral_store.consents_of(referral)
        ],
        "history": [
            {"kind": entry.kind, "text": entry.text, "time": _time(entry.created_at), "staff": name}
            for entry, name in referral_store.history(referral, by_name=True)
        ],
        "audit": [
            {"action": event.action, "time": _time(event.created_at), "staff": name}
            for event, name in referral_store.audit_for(referral, by_name=True)
        ],
        "notifications": [
            {"channel": note.channel, "event": note.event, "sent_at": _time(note.sent_at)}
            for note in referral_store.notifications_of(referral)
        ],
    }


def gather(
    referrals: list[Referral], now: datetime | None = None, tracker_store_url: str | None = None
) -> dict[str, Any]:
    """The copy for the family, without writing anything.

    With the tracker store's address, each referral's conversation with the assistant is
    included while it is still kept. "Was this helpful?" answers are not: they are stored with
    no link to anyone (no session, address or time of day), so none can be said to be theirs.
    """
    copies = []
    for referral in referrals:
        copy = referral_record(referral)
        if tracker_store_url and referral.conversation_key:
            copy["conversation"] = transcripts.find_transcript(tracker_store_url, referral.conversation_key)
        copies.append(copy)
    return {"generated_at": _time(now or datetime.now(timezone.utc)), "referrals": copies}


def record_access(referrals: list[Referral]) -> None:
    """A "subject_access" audit line on each referral in the copy, in one commit."""
    for referral in referrals:
        referral_store.add_audit(referral, None, AUDIT_ACTION)
    referral_store.commit()
