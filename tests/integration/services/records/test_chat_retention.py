"""Conversations are kept for days: the purge removes old ones and their transcripts."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from flask import Flask

from portal.data import chat_store
from portal.data.models import ChatConversation, SafeguardingEvent
from portal.extensions import db
from portal.services.records.chat_retention import purge

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


def test_purge_removes_abandoned_referral_forms_and_keeps_undelivered_ones(empty_app: Flask) -> None:
    """Unsent answers go after a day (no consent was ever given); a sent draft stays until
    its referral has arrived, because the action server's outbox still needs it."""
    from flask_migrate import upgrade

    from portal.data import draft_store
    from portal.data.models import Referral, ReferralDraft

    with empty_app.app_context():
        upgrade()
        abandoned = draft_store.start("a" * 64, "words", {"words": "we are struggling"})
        abandoned.updated_at = NOW - timedelta(hours=30)
        fresh = draft_store.start("b" * 64, "words", {})
        fresh.updated_at = NOW - timedelta(hours=2)
        waiting = draft_store.start("c" * 64, "sent", {"words": "…"})
        waiting.submitted_at = NOW - timedelta(days=20)
        told = draft_store.start("d" * 64, "sent", {})
        told.submitted_at = NOW - timedelta(days=20)
        db.session.add(
            Referral(reference="EH-ACD-479", submission_key=told.submission_key, lang="en", channel="web")
        )
        db.session.commit()

        result = purge(7, None, now=NOW, draft_hours=24)

        assert result.drafts == 2
        left = set(db.session.execute(db.select(ReferralDraft.conversation_key)).scalars())
        assert left == {"b" * 64, "c" * 64}
