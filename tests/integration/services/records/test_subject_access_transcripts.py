"""A subject access copy includes the family's conversation while it is kept (#15.12).

The tracker store here is a SQLite file with the `events` table Rasa's SQLTrackerStore writes
(sender_id, type_name, timestamp, intent_name, action_name, data).
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, text

from portal.data import chat_store, referral_store
from portal.services.records import subject_access
from tests.support.referrals import make_referral


def _tracker_with(path: Path, sender: str, lines: list[tuple[str, str]]) -> str:
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
                " type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255),"
                " action_name VARCHAR(255), data TEXT)"
            )
        )
        rows = [("someone-else", "user", "not theirs"), *[(sender, kind, words) for kind, words in lines]]
        for number, (who, kind, words) in enumerate(rows):
            connection.execute(
                text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, :t, :ts, :d)"),
                {
                    "s": who,
                    "t": kind,
                    "ts": 1_765_000_000 + number,
                    "d": json.dumps({"event": kind, "text": words}),
                },
            )
        connection.execute(
            text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'slot', 1, '{}')"),
            {"s": sender},
        )
    engine.dispose()
    return url


def test_the_copy_holds_the_conversation_that_led_to_the_referral(app: Flask, tmp_path: Path) -> None:
    session = secrets.token_urlsafe(18)
    with app.app_context():
        chat_store.start_conversation(session, "web")
    reference = make_referral(app, conversation=session)
    tracker = _tracker_with(
        tmp_path / "tracker.db",
        session,
        [("user", "Nie mamy pieniędzy na jedzenie"), ("bot", "Here is some help with money.")],
    )
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None and referral.conversation_key == chat_store.conversation_key(session)
        copy = subject_access.gather([referral], tracker_store_url=tracker)
    conversation = copy["referrals"][0]["conversation"]
    assert [(line["from"], line["text"]) for line in conversation] == [
        ("family", "Nie mamy pieniędzy na jedzenie"),
        ("assistant", "Here is some help with money."),
    ]
    assert all(line["time"].endswith("Z") for line in conversation)


def test_a_purged_conversation_is_said_to_be_gone(app: Flask, tmp_path: Path) -> None:
    session = secrets.token_urlsafe(18)
    with app.app_context():
        chat_store.start_conversation(session, "web")
    reference = make_referral(app, conversation=session)
    tracker = _tracker_with(tmp_path / "tracker.db", "another-session", [("user", "hello")])
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        copy = subject_access.gather([referral], tracker_store_url=tracker)
    assert copy["referrals"][0]["conversation"] is None
