"""Taking a family's referral: only with consent, exactly once, all or nothing.

The action server submits on the family's behalf through the internal API.
A referral without consent to share with the front door is never stored; a
retry or a double click with the same submission key returns the first
referral; the referral and its consent record are written in one transaction.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from portal.data import chat_store, draft_store, referral_store
from portal.data.models import ConsentRecord, Referral, as_utc, utcnow
from portal.i18n import LANGUAGES
from portal.services.delivery import notifications
from portal.services.referrals import form as referral_form
from portal.services.referrals.consent import wording
from portal.taxonomy import AGE_BAND_KEYS, AREAS, NEED_KEYS

SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)
CONTACT_METHODS = ("phone", "text", "email")
MAX_WORDS_CHARS = 4000


class ReferralRefused(ValueError):
    """The submission cannot be taken; `problems` says why, field by field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


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


def _text(value: Any, limit: int) -> str:
    return str(value).strip()[:limit] if isinstance(value, str) else ""


def _check(payload: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    problems: list[str] = []
    key = payload.get("submission_key")
    if not isinstance(key, str) or not SUBMISSION_KEY.match(key):
        problems.append("submission_key must be 16 to 64 letters, digits, '-' or '_'")
    lang = payload.get("lang")
    if lang not in LANGUAGES:
        problems.append(f"lang must be one of: {', '.join(LANGUAGES)}")
    channel = payload.get("channel")
    if channel not in ("web", "sms"):
        problems.append("channel must be web or sms")
    needs = payload.get("needs") or []
    if not isinstance(needs, list) or any(need not in NEED_KEYS for need in needs):
        problems.append("needs must be a list of need keys")
    children = payload.get("children") or []
    if not isinstance(children, list) or any(
        not isinstance(child, dict) or child.get("age_band") not in (*AGE_BAND_KEYS, "any")
        for child in children
    ):
        problems.append("children must be a list of {age_band, name (optional)}")
    contact = payload.get("contact") or {}
    if not isinstance(contact, dict) or contact.get("method") not in CONTACT_METHODS:
        problems.append(f"contact.method must be one of: {', '.join(CONTACT_METHODS)}")
    elif contact["method"] in ("phone", "text") and not _text(contact.get("phone"), 30):
        problems.append("contact.phone is needed to phone or text")
    elif contact["method"] == "email" and "@" not in _text(contact.get("email"), 254):
        problems.append("contact.email is needed to email")
    area = payload.get("area")
    if area is not None and not (area in AREAS or re.fullmatch(r"[A-Za-z0-9 ]{2,10}", str(area))):
        problems.append("area must be an area name or a postcode")
    interpreter = payload.get("interpreter_lang")
    if interpreter is not None and not re.fullmatch(r"[a-z]{2,3}", str(interpreter)):
        problems.append("interpreter_lang must be a language code")
    cleaned = {
        "needs": list(dict.fromkeys(needs)) if isinstance(needs, list) else [],
        "children": [
            {
                "age_band": child["age_band"],
                **({"name": _text(child["name"], 60)} if child.get("name") else {}),
            }
            for child in children
            if isinstance(child, dict)
        ]
        if isinstance(children, list)
        else [],
        "contact": {
            "method": contact.get("method"),
            "phone": _text(contact.get("phone"), 30),
            "email": _text(contact.get("email"), 254),
            "times": _text(contact.get("times"), 200),
            "safe_to_message": contact.get("safe_to_message") is True,
        }
        if isinstance(contact, dict)
        else {},
    }
    return problems, cleaned


def _given_at(value: Any) -> datetime:
    """When the family said yes (the form records it), or now; never in the future."""
    now = utcnow()
    try:
        given = as_utc(datetime.fromisoformat(str(value))) if value else now
    except ValueError:
        return now
    return min(given, now)


def submit(payload: dict[str, Any], conversation_key: str | None = None) -> Submitted:
    """Take one referral; the same submission key always gives the same referral."""
    problems, cleaned = _check(payload)
    given = payload.get("consent")
    consent: dict[str, Any] = given if isinstance(given, dict) else {}
    if consent.get("share_with_front_door") is not True:
        raise NoConsent("the family did not agree to share with the front door")
    shown = wording(str(payload.get("lang")))
    if shown is None:
        problems.append("there is no consent wording in this language yet")
    elif consent.get("wording_version") != shown.version:
        problems.append("consent.wording_version is not the wording shown now")
    if not isinstance(consent.get("share_with_partners"), bool):
        problems.append("consent.share_with_partners must be true or false")
    if problems:
        raise ReferralRefused(problems)
    existing = referral_store.by_submission_key(payload["submission_key"])
    if existing is not None:
        return Submitted(existing, created=False)
    escalated = False
    session_id = payload.get("conversation")
    if conversation_key is None and isinstance(session_id, str) and session_id:
        conversation_key = chat_store.conversation_key(session_id)
    if conversation_key is not None:
        conversation = chat_store.conversation_by_key(conversation_key)
        if conversation is not None:
            escalated = conversation.escalated_at is not None
        else:
            conversation_key = None
    referral = Referral(
        reference=new_reference(),
        submission_key=payload["submission_key"],
        status="new",
        lang=payload["lang"],
        channel=payload["channel"],
        conversation_key=conversation_key,
        safeguarding_flag=escalated,
        own_words=_text(payload.get("own_words"), MAX_WORDS_CHARS),
        interpreter_lang=payload.get("interpreter_lang"),
        area=payload.get("area"),
        for_self=payload.get("for_self") is True,
        **cleaned,
    )
    record = ConsentRecord(
        created_at=_given_at(consent.get("given_at")),
        wording_version=consent["wording_version"],
        lang=payload["lang"],
        channel=payload["channel"],
        share_with_front_door=True,
        share_with_partners=consent["share_with_partners"],
        own_consent=consent.get("own_consent") if isinstance(consent.get("own_consent"), bool) else None,
    )
    try:
        return Submitted(
            referral_store.add_with_consent(referral, record, notifications.queue_new), created=True
        )
    except IntegrityError:
        # The same submission arrived twice at once: the other one won.
        existing = referral_store.by_submission_key(payload["submission_key"])
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
