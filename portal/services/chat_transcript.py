"""The conversation so far, for the chat page without JavaScript.

Read back from Rasa's tracker store (the one place a transcript is kept), so
the portal keeps no copy and the browser keeps none beyond the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.clients.rasa import RasaClient, RasaUnavailable
from portal.services import safeguarding
from portal.services.safety_reply import safety_messages

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
