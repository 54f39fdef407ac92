"""Conversations and safeguarding events (no message text is ever stored here)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete, select, update

from portal.data.models import ChatConversation, SafeguardingEvent, as_utc, utcnow
from portal.extensions import db


def conversation_key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def find_conversation(session_id: str) -> ChatConversation | None:
    key = conversation_key(session_id)
    return db.session.execute(select(ChatConversation).filter_by(key=key)).scalar_one_or_none()


def conversation_by_key(key: str) -> ChatConversation | None:
    return db.session.execute(select(ChatConversation).filter_by(key=key)).scalar_one_or_none()


def start_conversation(session_id: str, channel: str) -> ChatConversation:
    """A new conversation; its language is recorded once Rasa has been told it."""
    conversation = ChatConversation(key=conversation_key(session_id), channel=channel, lang="")
    db.session.add(conversation)
    db.session.commit()
    return conversation


# Writing the time on every turn would make every message a database write;
# a minute's precision is plenty for a retention measured in days.
TOUCH_EVERY_SECONDS = 60


def note_turn(conversation: ChatConversation, lang: str, awaiting: str | None) -> None:
    """Record what Rasa now knows (its language) and the question it asked."""
    now = utcnow()
    last = as_utc(conversation.last_message_at) if conversation.last_message_at else None
    unchanged = conversation.lang == lang and conversation.awaiting == awaiting
    if unchanged and last is not None and (now - last).total_seconds() < TOUCH_EVERY_SECONDS:
        return
    conversation.lang = lang
    conversation.awaiting = awaiting
    conversation.last_message_at = now
    db.session.commit()


def note_offered(conversation: ChatConversation, payloads: list[str]) -> None:
    """The button payloads this turn offered (written only when they changed)."""
    if (conversation.offered or []) != payloads:
        conversation.offered = payloads
        db.session.commit()


def note_not_understood(conversation: ChatConversation, missed: bool) -> int:
    """Count the turns in a row the assistant could not answer (0 after one it could)."""
    count = (conversation.not_understood or 0) + 1 if missed else 0
    if count != (conversation.not_understood or 0):
        conversation.not_understood = count
        db.session.commit()
    return count


def record_safeguarding(
    conversation: ChatConversation, kind: str, source: str, lang: str
) -> SafeguardingEvent:
    event = SafeguardingEvent(
        conversation_id=conversation.id, kind=kind, source=source, lang=lang, channel=conversation.channel
    )
    conversation.escalated_at = conversation.escalated_at or utcnow()
    db.session.add(event)
    db.session.commit()
    return event


def safeguarding_events(conversation: ChatConversation) -> list[SafeguardingEvent]:
    query = (
        select(SafeguardingEvent).filter_by(conversation_id=conversation.id).order_by(SafeguardingEvent.id)
    )
    return list(db.session.execute(query).scalars())


def purge_conversations(before: datetime) -> int:
    """Delete conversation rows last used before `before`; safeguarding events stay, unlinked."""
    stale = select(ChatConversation.id).where(ChatConversation.last_message_at < before)
    db.session.execute(
        update(SafeguardingEvent)
        .where(SafeguardingEvent.conversation_id.in_(stale))
        .values(conversation_id=None)
    )
    deleted = db.session.execute(delete(ChatConversation).where(ChatConversation.last_message_at < before))
    db.session.commit()
    return int(getattr(deleted, "rowcount", 0) or 0)


def forget_conversation(key: str) -> None:
    """Delete one conversation's row (a quick exit); its safeguarding events stay, unlinked."""
    ids = select(ChatConversation.id).where(ChatConversation.key == key)
    db.session.execute(
        update(SafeguardingEvent)
        .where(SafeguardingEvent.conversation_id.in_(ids))
        .values(conversation_id=None)
    )
    db.session.execute(delete(ChatConversation).where(ChatConversation.key == key))
    db.session.commit()
