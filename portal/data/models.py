"""Database models. The schema is created only by the Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.data.encrypted import EncryptedJSON, EncryptedText
from portal.extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC time: SQLite hands back naive ones, PostgreSQL aware."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


class ContentItem(db.Model):  # type: ignore[name-defined]
    """One published piece of content in one language.

    Shipped content comes from files in content/; `source_hash` is the hash of
    the file section it was loaded from, so reloading unchanged files is a no-op.
    Kind-specific fields (a contact's phone number, a service's eligibility...)
    live in `data`, checked against the content schema when loaded.
    """

    __tablename__ = "content_item"
    __table_args__ = (UniqueConstraint("kind", "slug", "lang", name="uq_content_kind_slug_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    slug: Mapped[str] = mapped_column(String(120))
    lang: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    age_bands: Mapped[list[str]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_path: Mapped[str] = mapped_column(String(500))
    source_hash: Mapped[str] = mapped_column(String(64))
    last_reviewed: Mapped[date | None] = mapped_column(Date, nullable=True)
    next_review: Mapped[date | None] = mapped_column(Date, nullable=True)
    # English originals: a short hash of their readable text. Translations: how
    # they were made (machine / reviewed) and which English version they follow.
    version: Mapped[str | None] = mapped_column(String(16), nullable=True)
    provenance: Mapped[str | None] = mapped_column(String(16), nullable=True)
    source_version: Mapped[str | None] = mapped_column(String(16), nullable=True)
    published: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Feedback(db.Model):  # type: ignore[name-defined]
    """An answer to "Was this helpful?". No personal data: no IP address, no
    session, no time of day; the optional comment is stripped of markup."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    slug: Mapped[str] = mapped_column(String(120))
    lang: Mapped[str] = mapped_column(String(8))
    helpful: Mapped[bool] = mapped_column()
    comment: Mapped[str] = mapped_column(String(500), default="")
    created_on: Mapped[date] = mapped_column(Date, default=date.today)


class SearchMiss(db.Model):  # type: ignore[name-defined]
    """A search that found nothing, for editors: the words, the language and the
    day. Nothing else: no address, no session, no time of day."""

    __tablename__ = "search_miss"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(8))
    created_on: Mapped[date] = mapped_column(Date, default=date.today)


class ChatConversation(db.Model):  # type: ignore[name-defined]
    """One conversation with the assistant, as the portal needs to know it.

    The transcript lives in Rasa's tracker store only. Here: a hash of the
    conversation id (so this table alone cannot open a transcript), the
    channel, the language the assistant was last told, and whether it
    escalated. No message text.
    """

    __tablename__ = "chat_conversation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(8))
    lang: Mapped[str] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The triage question the last reply asked ("age_band" or "area"), so a typed
    # answer is understood here without a call to the action server.
    awaiting: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Turns in a row the assistant could not answer: after two, offer a person.
    not_understood: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The button payloads the last turn offered: only these may reach Rasa as an intent.
    offered: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class SafeguardingEvent(db.Model):  # type: ignore[name-defined]
    """A safeguarding interrupt: which kind of danger, found by which layer,
    in which language and channel, and when. Not the message itself."""

    __tablename__ = "safeguarding_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Kept when the conversation row is purged (it holds nothing personal).
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_conversation.id", ondelete="SET NULL"), index=True, nullable=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StaffUser(db.Model):  # type: ignore[name-defined]
    """A front-door worker, manager or admin. Passwords are stored hashed (scrypt);
    the TOTP secret is needed to sign in; the last TOTP step used is kept so a
    code works only once."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret: Mapped[str] = mapped_column(EncryptedText)  # encrypted at rest
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Sessions carry the generation they were signed in under; raising it (sign-out, a role
    # change, a new password) ends every session of the account, stolen cookies included.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SigninThrottle(db.Model):  # type: ignore[name-defined]
    """Failed sign-ins for one email address, known or not (a keyed hash of it): each failure
    past the free tries makes the next attempt wait longer, for everyone using that email.
    Nobody is locked out for long, and the answer never says whether an account exists."""

    __tablename__ = "signin_throttle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StaffAuthEvent(db.Model):  # type: ignore[name-defined]
    """Sign-in and access events, for managers and auditors: who, what, when."""

    __tablename__ = "staff_auth_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A keyed hash of the client's address (not the address itself), so sign-in
    # attempts can be limited per address across instances.
    address: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)


class Referral(db.Model):  # type: ignore[name-defined]
    """A family's request for a person at the Early Help front door.

    Written only with the family's recorded consent to share with the front
    door (see ConsentRecord), in one transaction with that record. The
    submission key makes a retry or a double click one referral.
    """

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    lang: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(8))
    conversation_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    safeguarding_flag: Mapped[bool] = mapped_column(default=False)
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Encrypted at rest (data/encrypted.py): the children's names, their words, how to reach them.
    children: Mapped[list[dict[str, Any]]] = mapped_column(EncryptedJSON, default=list)
    own_words: Mapped[str] = mapped_column(EncryptedText, default="")
    contact: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON, default=dict)
    interpreter_lang: Mapped[str | None] = mapped_column(String(8), nullable=True)
    area: Mapped[str | None] = mapped_column(String(40), nullable=True)
    for_self: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    redacted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Why the personal details went: "withdrawn" (the family) or "retention" (the period ended).
    redacted_reason: Mapped[str | None] = mapped_column(String(16), nullable=True)
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    decision: Mapped[str | None] = mapped_column(String(32), nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class ConsentRecord(db.Model):  # type: ignore[name-defined]
    """What the family agreed to, exactly as it was put to them: the wording's
    version (a hash of the text shown), language, channel, time and each answer."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    wording_version: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(8))
    share_with_front_door: Mapped[bool] = mapped_column()
    share_with_partners: Mapped[bool] = mapped_column()
    own_consent: Mapped[bool | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    withdrawn_channel: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # A keyed hash of the phone number or email the family withdrew with: once their details
    # are gone, a second withdrawal is recognised only with the same check (services/records).
    withdrawn_check: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ReferralAuditEvent(db.Model):  # type: ignore[name-defined]
    """Who looked at or changed a referral, and when (shown to managers)."""

    __tablename__ = "referral_audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReferralEntry(db.Model):  # type: ignore[name-defined]
    """The referral's history as the front door writes it: assignments, notes,
    decisions with their reasons, status changes — who, what, when."""

    __tablename__ = "referral_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReferralDraft(db.Model):  # type: ignore[name-defined]
    """A family's answers while the assistant's referral form is under way.

    Deleted when they say no to sharing, leave, or the draft goes stale; emptied
    of answers once submitted (the submission key stays, so the portal can tell
    the family their reference when a delayed submission arrives).
    """

    __tablename__ = "referral_draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(64), unique=True)
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    step: Mapped[str] = mapped_column(String(32))
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON, default=dict)  # encrypted at rest
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Notification(db.Model):  # type: ignore[name-defined]
    """A message owed to the front door about a referral (email or webhook).

    Written in the same transaction as the change it reports, then sent; a
    failed send is retried, so a notification is never silently dropped.
    """

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    channel: Mapped[str] = mapped_column(String(8))  # "email" or "webhook"
    event: Mapped[str] = mapped_column(String(16))  # "new" or "withdrawn"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(255), nullable=True)


class SmsContact(db.Model):  # type: ignore[name-defined]
    """A phone number the assistant texts with, known only by a keyed hash of it.

    Holds the conversation it is in (a chat session id, so a web conversation can
    be continued by text and the other way round), the numbered choices last sent
    (so "2" means the second), its language, and whether it opted out (STOP).
    """

    __tablename__ = "sms_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone_key: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    opted_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SmsMessage(db.Model):  # type: ignore[name-defined]
    """A text Twilio delivered to us, by its MessageSid only: Twilio retries, and a
    retried message must not be answered twice. No text, no number."""

    __tablename__ = "sms_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class ConsentWordingKept(db.Model):  # type: ignore[name-defined]
    """The exact consent wording a family was shown, kept once per version (a hash of the text),
    never changed: a consent record names its version, so what was agreed can always be shown,
    whatever content/site/consent.yaml says later. `english_version` is the English it translates."""

    __tablename__ = "consent_wording"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(16), unique=True)
    lang: Mapped[str] = mapped_column(String(8))
    front_door: Mapped[str] = mapped_column(Text)
    partners: Mapped[str] = mapped_column(Text)
    own: Mapped[str] = mapped_column(Text)
    english_version: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HandoverRefusal(db.Model):  # type: ignore[name-defined]
    """A referral the action server offered and the portal refused (an unknown key, no consent,
    a payload it could not take): the action server's outbox keeps it as refused, so operators
    must hear of it here. Only why and when: no key, nothing about the family."""

    __tablename__ = "handover_refusal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reason: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class CodeFailure(db.Model):  # type: ignore[name-defined]
    """A wrong continuation code: who tried (a keyed hash of the browser session, phone number
    or address, never the thing itself) and when. Counted to slow guessing down."""

    __tablename__ = "code_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    who: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ContinuationCode(db.Model):  # type: ignore[name-defined]
    """A one-time code that carries a conversation from the web to SMS or back."""

    __tablename__ = "continuation_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
