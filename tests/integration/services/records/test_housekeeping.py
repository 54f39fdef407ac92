"""Every retention period is applied by one scheduled run (#15.12)."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask

from portal.data.models import Feedback, SearchMiss, SmsContact, utcnow
from portal.extensions import db
from portal.services.records import housekeeping


def test_one_run_applies_every_period(app: Flask) -> None:
    long_ago = utcnow() - timedelta(days=400)
    with app.app_context():
        db.session.add_all(
            [
                SmsContact(phone_key="quiet-number", session_id="s" * 24, updated_at=long_ago),
                SmsContact(
                    phone_key="said-stop", session_id="t" * 24, updated_at=long_ago, opted_out_at=long_ago
                ),
                SmsContact(phone_key="texting-today", session_id="u" * 24),
                Feedback(
                    kind="guide",
                    slug="x",
                    lang="en",
                    helpful=False,
                    comment="Ask for Jo at no 4",
                    created_on=date.today() - timedelta(days=400),
                ),
                Feedback(kind="guide", slug="x", lang="en", helpful=True, comment="Thanks"),
                SearchMiss(
                    query="jo smith wallasey", lang="en", created_on=date.today() - timedelta(days=100)
                ),
                SearchMiss(query="kinship care", lang="en"),
            ]
        )
        db.session.commit()
        done = housekeeping.run(app.config)
        assert done.chats.sms_contacts >= 1 and done.feedback_comments >= 1 and done.search_misses >= 1

        contacts = {row.phone_key: row for row in db.session.execute(db.select(SmsContact)).scalars()}
        assert "quiet-number" not in contacts
        assert contacts["said-stop"].opted_out_at is not None  # STOP is honoured for ever
        assert contacts["said-stop"].session_id == ""  # but nothing else about it is kept
        assert "texting-today" in contacts
        comments = {row.comment for row in db.session.execute(db.select(Feedback)).scalars()}
        assert "Ask for Jo at no 4" not in comments and "Thanks" in comments
        queries = {row.query for row in db.session.execute(db.select(SearchMiss)).scalars()}
        assert queries >= {"kinship care"} and "jo smith wallasey" not in queries


def test_the_command_runs_it(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["records", "housekeeping"])
    assert result.exit_code == 0, result.output
    assert "Housekeeping:" in result.output and "referrals anonymised" in result.output
