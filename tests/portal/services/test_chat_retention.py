"""Conversations are kept for days: the purge removes old ones and their transcripts."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from flask import Flask

from portal.data import chat_store
from portal.data.models import ChatConversation, SafeguardingEvent
from portal.extensions import db
from portal.services.chat_retention import purge

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def rasa_tracker_store(path: Path) -> str:
    """A tracker store with the table Rasa's SQLTrackerStore creates."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
            " type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255),"
            " action_name VARCHAR(255), data TEXT)"
        )
        rows = [
            ("old-conversation", "user", (NOW - timedelta(days=10)).timestamp()),
            ("old-conversation", "bot", (NOW - timedelta(days=9)).timestamp()),
            ("recent-conversation", "user", (NOW - timedelta(days=10)).timestamp()),
            ("recent-conversation", "user", (NOW - timedelta(hours=1)).timestamp()),
        ]
        connection.executemany("INSERT INTO events (sender_id, type_name, timestamp) VALUES (?, ?, ?)", rows)
    return f"sqlite:///{path}"


def test_purge_removes_quiet_conversations_and_keeps_safeguarding_counts(
    empty_app: Flask, tmp_path: Path
) -> None:
    from flask_migrate import upgrade

    with empty_app.app_context():
        upgrade()
        old = chat_store.start_conversation("old-conversation-000", "web")
        old.last_message_at = NOW - timedelta(days=9)
        recent = chat_store.start_conversation("recent-conversation-0", "sms")
        recent.last_message_at = NOW - timedelta(hours=1)
        db.session.commit()
        chat_store.record_safeguarding(old, "missing_child", "pattern", "en")

        result = purge(7, rasa_tracker_store(tmp_path / "tracker.db"), now=NOW)

        assert result.conversations == 1 and result.transcripts == 2
        keys = db.session.execute(db.select(ChatConversation.key)).scalars().all()
        assert keys == [chat_store.conversation_key("recent-conversation-0")]
        event = db.session.execute(db.select(SafeguardingEvent)).scalar_one()
        assert event.kind == "missing_child" and event.conversation_id is None
    with sqlite3.connect(tmp_path / "tracker.db") as connection:
        senders = {row[0] for row in connection.execute("SELECT sender_id FROM events")}
    assert senders == {"recent-conversation"}
