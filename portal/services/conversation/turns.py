"""What one turn of a conversation says back, and the helpers every channel's turn shares.

The gateway and the referral form inside a chat both build turns from these, so neither
needs the other's private helpers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from portal.data import chat_store
from portal.data.models import ChatConversation
from portal.extensions import db
from portal.services.safeguarding import writer
from portal.services.safeguarding.reply import safety_messages


@dataclass
class ChatReply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    # Written by the portal around Rasa's answer (safety lines first, a re-ask), so not in
    # Rasa's tracker: the page without JavaScript shows it from the turn itself.
    portal: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "buttons": self.buttons}


@dataclass
class ChatTurn:
    replies: list[ChatReply]
    lang: str
    escalated: bool = False
    assistant_available: bool = True
    # For the page without JavaScript: a referral form hint or ending to show ("hint",
    # "stopped", "refused", "too_young"); never an answer.
    form_notice: str | None = None


def database_fault(what: str) -> None:
    """A database fault must never cost a family their answer (least of all a safety
    reply): undo the half-done write, log it, and carry on without the record."""
    db.session.rollback()
    current_app.logger.error("chat: could not %s (database error)", what)


def safety_turn(
    conversation: ChatConversation | None,
    kinds: list[str],
    source: str,
    lang: str,
    text: str = "",
    closing: bool = True,
) -> ChatTurn:
    if conversation is not None:
        try:
            chat_store.record_safeguarding(conversation, kinds[0], source, lang)
        except SQLAlchemyError:
            database_fault("record a safeguarding event")
    replies = safety_messages(kinds, lang, for_child=writer.is_child(text), closing=closing)
    return ChatTurn([ChatReply(line) for line in replies], lang, escalated=True)


def is_safety_marker(raw: dict[str, Any]) -> bool:
    custom = raw.get("custom")
    return isinstance(custom, dict) and bool(custom.get("safeguarding"))


def to_reply(raw: dict[str, Any]) -> ChatReply | None:
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    buttons = [
        {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
        for button in raw.get("buttons") or []
        if isinstance(button, dict) and button.get("payload")
    ]
    return ChatReply(text, buttons)
