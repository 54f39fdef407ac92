"""Text-message contacts, the MessageSids already answered, and continuation codes."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from portal.data.models import CodeFailure, ContinuationCode, SmsContact, SmsMessage, utcnow
from portal.extensions import db


def new_session_id() -> str:
    return f"sms-{secrets.token_urlsafe(24)}"


def contact(phone_key: str) -> SmsContact | None:
    return db.session.execute(select(SmsContact).filter_by(phone_key=phone_key)).scalar_one_or_none()


def contact_or_new(phone_key: str) -> SmsContact:
    found = contact(phone_key)
    if found is not None:
        return found
    created = SmsContact(phone_key=phone_key, session_id=new_session_id(), lang="en", choices=[])
    db.session.add(created)
    try:
        db.session.commit()
    except IntegrityError:  # the same number's first two texts at once
        db.session.rollback()
        found = contact(phone_key)
        if found is None:  # the other insert was rolled back too: let the caller's retry decide
            raise
        return found
    return created


def save(found: SmsContact, **changes: object) -> None:
    for name, value in changes.items():
        setattr(found, name, value)
    found.updated_at = utcnow()
    db.session.commit()


def first_time(sid: str) -> bool:
    """Record a MessageSid; False if it was already recorded (a retry or a replay)."""
    db.session.add(SmsMessage(sid=sid))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def forget_sid(sid: str) -> None:
    """Undo `first_time` when the message could not be handled, so Twilio's retry is."""
    db.session.execute(delete(SmsMessage).filter_by(sid=sid))
    db.session.commit()


def opted_out(phone_key: str) -> bool:
    found = contact(phone_key)
    return found is not None and found.opted_out_at is not None


def add_code(code_hash: str, session_id: str, expires_at: datetime) -> None:
    db.session.add(ContinuationCode(code_hash=code_hash, session_id=session_id, expires_at=expires_at))
    db.session.commit()


def use_code(code_hash: str) -> str | None:
    """The session a code carries, once: one UPDATE decides, so a code works a single time."""
    now = utcnow()
    found = db.session.execute(select(ContinuationCode).filter_by(code_hash=code_hash)).scalar_one_or_none()
    if found is None:
        return None
    result = db.session.execute(
        update(ContinuationCode)
        .where(
            ContinuationCode.id == found.id,
            ContinuationCode.used_at.is_(None),
            ContinuationCode.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)  # decided in SQL (SQLite keeps naive times)
    )
    db.session.commit()
    return found.session_id if int(result.rowcount or 0) == 1 else None  # type: ignore[attr-defined]


def record_code_failure(who: list[str]) -> None:
    db.session.add_all([CodeFailure(who=key) for key in who])
    db.session.commit()


def code_failures_since(who: str, since: datetime) -> int:
    query = select(func.count(CodeFailure.id)).where(CodeFailure.who == who, CodeFailure.at >= since)
    return int(db.session.execute(query).scalar_one())


def purge(before: datetime) -> int:
    """MessageSids, spent codes and wrong-code counts older than the chat retention period."""
    removed = db.session.execute(delete(SmsMessage).where(SmsMessage.created_at < before))
    db.session.execute(delete(ContinuationCode).where(ContinuationCode.expires_at < before))
    db.session.execute(delete(CodeFailure).where(CodeFailure.at < before))
    db.session.commit()
    return int(removed.rowcount or 0)  # type: ignore[attr-defined]


def purge_contacts(before: datetime) -> int:
    """Numbers quiet since `before`: forgotten, except a STOP, which is kept for ever (only the
    keyed hash and when) so no text is ever sent to that number again."""
    removed = db.session.execute(
        delete(SmsContact).where(SmsContact.updated_at < before, SmsContact.opted_out_at.is_(None))
    )
    db.session.execute(
        update(SmsContact)
        .where(SmsContact.updated_at < before, SmsContact.opted_out_at.is_not(None))
        .values(session_id="", choices=[])
    )
    db.session.commit()
    return int(removed.rowcount or 0)  # type: ignore[attr-defined]
