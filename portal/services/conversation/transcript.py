"""The conversation so far, for the chat page without JavaScript.

Read back from Rasa's tracker store (the one place a transcript is kept), so
the portal keeps no copy and the browser keeps none beyond the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from portal.clients.rasa import RasaClient, RasaUnavailable
from portal.data import chat_store, draft_store
from portal.extensions import db
from portal.services import safeguarding
from portal.services.referrals import form as referral_form
from portal.services.safeguarding.reply import safety_messages

MAX_TURNS = 40


@dataclass
class TranscriptLine:
    speaker: str  # "you" | "assistant"
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def transcript(client: RasaClient, chat_id: str, lang: str) -> tuple[list[TranscriptLine], bool]:
    """The lines to show, and whether the assistant could be reached."""
    try:
        events = client.tracker_events(chat_id)
    except RasaUnavailable:
        return [], False
    lines: list[TranscriptLine] = []
    last_buttons: list[dict[str, str]] = []
    dangers = [safeguarding.UNSPECIFIED]
    for event in events:
        kind = event.get("event")
        if kind == "user":
            text = str(event.get("text") or "")
            metadata = event.get("metadata") or {}
            flagged = metadata.get("safeguarding") if isinstance(metadata, dict) else None
            dangers = str(flagged).split(",") if flagged else [safeguarding.UNSPECIFIED]
            titles = {button.get("payload"): button.get("title") for button in last_buttons}
            typed = metadata.get("typed") if isinstance(metadata, dict) else None
            if typed:  # an answer the portal understood and sent as its button's payload
                text = str(typed)
            elif text.startswith("/"):
                text = str(titles.get(text) or "")
            if text:
                lines.append(TranscriptLine("you", text))
        elif kind == "bot":
            data = event.get("data") or {}
            custom = data.get("custom") if isinstance(data, dict) else None
            if isinstance(custom, dict) and custom.get("safeguarding"):
                lines.extend(TranscriptLine("assistant", text) for text in safety_messages(dangers, lang))
                last_buttons = []
                continue
            text = str(event.get("text") or "")
            last_buttons = (
                [b for b in (data.get("buttons") or []) if isinstance(b, dict)]
                if isinstance(data, dict)
                else []
            )
            if text:
                lines.append(TranscriptLine("assistant", text, last_buttons))
    # Only the latest answer's buttons can still be pressed.
    for line in lines[:-1]:
        line.buttons = []
    return lines[-MAX_TURNS:], True


def referral_lines(chat_id: str, lang: str, notice: str | None) -> list[TranscriptLine]:
    """The referral form's part of the page: it lives in the portal, not in Rasa's tracker.

    Only the open question is shown again (the family's answers are on the
    "check your answers" step); an ending is shown once.
    """
    if notice in ("stopped", "refused", "too_young"):
        return [TranscriptLine("assistant", text) for text in referral_form.ending(notice, lang)]
    try:
        conversation = chat_store.find_conversation(chat_id)
        draft = draft_store.for_conversation(conversation.key) if conversation else None
    except SQLAlchemyError:
        db.session.rollback()
        return []
    if draft is None or draft.submitted_at is not None:
        return []
    replies = referral_form.open_question(draft, lang, notice)
    lines = [TranscriptLine("assistant", reply.text) for reply in replies]
    lines[-1].buttons = replies[-1].buttons
    return lines


def forget_referral_draft(chat_id: str) -> None:
    """ "Exit this page" also forgets a half-finished referral form."""
    try:
        draft_store.forget_conversation(chat_store.conversation_key(chat_id))
    except SQLAlchemyError:
        db.session.rollback()
