"""Taking a family's referral: only with consent, exactly once, all or nothing.

The action server submits on the family's behalf through the internal API.
A referral without consent to share with the front door is never stored; a
retry or a double click with the same submission key returns the first
referral; the referral and its consent record are written in one transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from portal.data import chat_store, draft_store, referral_store
from portal.data.models import ConsentRecord, Referral
from portal.services.delivery import notifications
from portal.services.reading.phone import e164
from portal.services.referrals import form as referral_form
from portal.services.referrals.consent import keep, wording
from portal.services.referrals.payload import ReferralRefused as ReferralRefused
from portal.services.referrals.payload import agrees_to_front_door, read_payload

REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)


class NoConsent(ValueError):
    """The family did not agree to share with the front door: nothing is stored."""


@dataclass(frozen=True)
class Submitted:
    referral: Referral
    created: bool


def new_reference() -> str:
    for _ in range(20):
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"EH-{code[:3]}-{code[3:]}"
        if not referral_store.reference_taken(reference):
            return reference
    raise RuntimeError("could not find a free reference")


def submit(payload: dict[str, Any], conversation_key: str | None = None) -> Submitted:
    """Take one referral; the same submission key always gives the same referral.

    NoConsent comes before any other check; otherwise ReferralRefused lists every
    problem with the payload (see payload.ReferralPayload).
    """
    if not agrees_to_front_door(payload):
        raise NoConsent("the family did not agree to share with the front door")
    shown = wording(str(payload.get("lang")))
    given = read_payload(payload, shown.version if shown is not None else None)
    if shown is not None:
        keep(shown)  # the words this consent record will name
    consent = given.consent
    existing = referral_store.by_submission_key(given.submission_key)
    if existing is not None:
        return Submitted(existing, created=False)
    escalated = False
    if conversation_key is None and given.conversation:
        conversation_key = chat_store.conversation_key(given.conversation)
    if conversation_key is not None:
        conversation = chat_store.conversation_by_key(conversation_key)
        if conversation is not None:
            escalated = conversation.escalated_at is not None
        else:
            conversation_key = None
    referral = Referral(
        reference=new_reference(),
        submission_key=given.submission_key,
        status="new",
        lang=given.lang,
        channel=given.channel,
        conversation_key=conversation_key,
        safeguarding_flag=escalated,
        own_words=given.own_words,
        interpreter_lang=given.interpreter_lang,
        area=given.area,
        for_self=given.for_self,
        needs=given.needs,
        children=given.children_data(),
        contact={
            **given.contact.model_dump(),
            # Stored in E.164 when it can be read, so texts and look-ups find it; else as given.
            "phone": e164(given.contact.phone) or given.contact.phone,
        },
    )
    record = ConsentRecord(
        created_at=consent.given_at,
        wording_version=consent.wording_version,
        lang=given.lang,
        channel=given.channel,
        share_with_front_door=True,
        share_with_partners=consent.share_with_partners,
        own_consent=consent.own_consent,
    )
    try:
        return Submitted(
            referral_store.add_with_consent(referral, record, notifications.queue_new), created=True
        )
    except IntegrityError:
        # The same submission arrived twice at once: the other one won.
        existing = referral_store.by_submission_key(given.submission_key)
        if existing is None:
            raise
        return Submitted(existing, created=False)


class NoSuchDraft(LookupError):
    """Nothing was ever started under this submission key (or it was withdrawn before sending)."""


def submit_draft(submission_key: str) -> Submitted:
    """Send the assistant's form: what the action server asks for, by key only, so the
    family's details never pass through Rasa's tracker or the action server's outbox.

    A repeat (outbox retry, double click) returns the referral made the first time.
    """
    existing = referral_store.by_submission_key(submission_key)
    draft = draft_store.by_submission_key(submission_key)
    if existing is not None:
        if draft is not None and draft.answers:
            draft_store.empty(draft)
        return Submitted(existing, created=False)
    if draft is None or draft.submitted_at is None:
        raise NoSuchDraft(submission_key)
    conversation = chat_store.conversation_by_key(draft.conversation_key)
    channel = conversation.channel if conversation is not None else "web"
    lang = conversation.lang if conversation is not None and conversation.lang else "en"
    payload = referral_form.payload_from(draft, lang, channel)
    submitted = submit(payload, conversation_key=draft.conversation_key)
    draft_store.empty(draft)  # the details now live in the referral only
    return submitted
