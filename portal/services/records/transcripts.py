"""A conversation's transcript, read back from Rasa's tracker store, for a subject access copy.

The portal keeps only a hash of each conversation's id (chat_conversation.key, and a
referral's conversation_key); Rasa keeps the transcript under the id itself. So the ids in
the tracker store are hashed the same way until one matches: the transcript is found without
the portal ever storing the id beside the family's details. Conversations are purged after
CHAT_RETENTION_DAYS, so most referrals older than that have no transcript left.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import create_engine, text


def find_transcript(tracker_store_url: str, conversation_key: str) -> list[dict[str, Any]] | None:
    """Each message of the conversation with this key, oldest first; None when it is gone."""
    engine = create_engine(tracker_store_url)
    try:
        with engine.connect() as connection:
            senders = connection.execute(text("SELECT DISTINCT sender_id FROM events")).scalars()
            sender = next((s for s in senders if _key(str(s)) == conversation_key), None)
            if sender is None:
                return None
            rows = connection.execute(
                text(
                    "SELECT type_name, timestamp, data FROM events WHERE sender_id = :sender"
                    " AND type_name IN ('user', 'bot') ORDER BY id"
                ),
                {"sender": sender},
            )
            return [_line(type_name, timestamp, data) for type_name, timestamp, data in rows]
    finally:
        engine.dispose()


def _key(sender_id: str) -> str:
    """The portal's key for a conversation id (data/chat_store.conversation_key)."""
    return hashlib.sha256(sender_id.encode("utf-8")).hexdigest()


def _line(type_name: str, timestamp: float | None, data: str | None) -> dict[str, Any]:
    event = json.loads(data or "{}")
    when = datetime.fromtimestamp(timestamp, tz=timezone.utc) if timestamp else None
    return {
        "from": "family" if type_name == "user" else "assistant",
        "time": when.isoformat().replace("+00:00", "Z") if when else None,
        "text": event.get("text") or "",
    }
