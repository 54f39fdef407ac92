"""Telling the front door about referrals, against a real SMTP server and a real webhook receiver.

The SMTP server is aiosmtpd on 127.0.0.1; the receiver is http.server in a thread that checks
the signature the way docs/operations.md tells the council's case system to.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.config import ConfigError, load_config
from portal.data import notification_store, referral_store
from portal.data.models import ConsentRecord, Notification, Referral, utcnow
from portal.extensions import db
from portal.services.delivery import notifications
from tests.conftest import make_test_app, new_database
from tests.support.referrals import make_referral
from tests.support.smtp import SmtpServer

FRONT_DOOR = "front.door@council.example"
SENDER = "Family Help <familyhelp@council.example>"
PUBLIC_URL = "https://familyhelp.council.example"
SECRET = "a-shared-secret-of-32-characters-or-more"
# What a family told us: none of it may appear in an email or a webhook.
PERSONAL = {
    "own_words": "Nie mamy pieniędzy na jedzenie do końca miesiąca.",
    "phone": "07700 900456",
    "email": "zofia.nowak@example.org",
    "times": "after 3pm on weekdays",
    "child": "Zofia",
    "postcode": "CH41 5AB",
}
PERSONAL_FRAGMENTS = (*PERSONAL.values(), "Nie mamy", "900456", "zofia.nowak", "CH41", "weekdays")


def personal_referral(app: Flask, flagged: bool = False) -> str:
    return make_referral(
        app,
        flagged=flagged,
        own_words=PERSONAL["own_words"],
        children=[{"age_band": "3-4", "name": PERSONAL["child"]}],
        contact={
            "method": "email",
            "email": PERSONAL["email"],
            "phone": PERSONAL["phone"],
            "times": PERSONAL["times"],
            "safe_to_message": True,
        },
        area=PERSONAL["postcode"],
        needs=["money", "housing"],
    )


def verify(secret: str, timestamp: str, body: bytes, signature: str, max_age: int = 300) -> bool:
    """The receiver's check, written from the documented scheme (not from the portal's code)."""
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > max_age:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest("sha256=" + expected, signature)


class WebhookReceiver:
    """The council's case system, as far as we can see it: an HTTP server that checks signatures."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.calls: list[dict[str, Any]] = []
        self.status = 204
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                timestamp = self.headers.get("X-FamilyHelp-Timestamp", "")
                signature = self.headers.get("X-FamilyHelp-Signature", "")
                receiver.calls.append(
                    {
                        "body": body,
                        "timestamp": timestamp,
                        "signature": signature,
                        "content_type": self.headers.get("Content-Type"),
                        "verified": verify(receiver.secret, timestamp, body, signature),
                    }
                )
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/family-help"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def notify_app(database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app on a database of its own: delivery sends every due row, so no other test's rows."""
    from flask_migrate import upgrade

    directory = tmp_path_factory.mktemp("notifications")
    with new_database(database_kind, directory) as url:
        app = make_test_app(url, directory, PUBLIC_URL=PUBLIC_URL, NOTIFY_TIMEOUT=3.0)
        with app.app_context():
            upgrade()
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture()
def receiver() -> Iterator[WebhookReceiver]:
    hook = WebhookReceiver(SECRET)
    yield hook
    hook.close()


@pytest.fixture()
def app(notify_app: Flask, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """Both channels off; each test turns on what it uses. No rows are left over from an
    earlier test: each runs in a transaction rolled back at its end (tests/integration/conftest.py)."""
    for key in ("FRONT_DOOR_EMAIL", "CASE_WEBHOOK_URL", "CASE_WEBHOOK_SECRET"):
        monkeypatch.setitem(notify_app.config, key, "")
    monkeypatch.setitem(notify_app.config, "MAIL_FROM", SENDER)
    return notify_app


def use_email(app: Flask, monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setitem(app.config, "FRONT_DOOR_EMAIL", FRONT_DOOR)
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", port)


def use_webhook(app: Flask, monkeypatch: pytest.MonkeyPatch, receiver: WebhookReceiver) -> None:
    monkeypatch.setitem(app.config, "CASE_WEBHOOK_URL", receiver.url)
    monkeypatch.setitem(app.config, "CASE_WEBHOOK_SECRET", SECRET)


def rows_for(app: Flask, reference: str) -> list[Notification]:
    with app.app_context():
        db.session.remove()  # a fresh session: only what was committed
        referral = referral_store.by_reference(reference)
        assert referral is not None
        rows = notification_store.for_referral(referral)
        db.session.expunge_all()
        return rows


def count_rows(app: Flask) -> int:
    with app.app_context():
        return int(db.session.execute(select(func.count()).select_from(Notification)).scalar_one())


def deliver(app: Flask, **kwargs: Any) -> notifications.DeliveryReport:
    with app.app_context():
        return notifications.deliver_pending(**kwargs)


def test_a_new_referral_is_committed_with_one_row_per_configured_channel(
    app: Flask, smtp: SmtpServer, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_email(app, monkeypatch, smtp.port)
    use_webhook(app, monkeypatch, receiver)
    reference = personal_referral(app)
    rows = rows_for(app, reference)
    assert sorted(row.channel for row in rows) == ["email", "webhook"]
    assert all(r.event == "new" and r.sent_at is None and r.attempts == 0 for r in rows)
    assert smtp.inbox.envelopes == [] and receiver.calls == []  # queued, not sent inside the request


def test_queue_for_leaves_the_commit_to_its_caller(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = make_referral(app)
    use_email(app, monkeypatch, 25)
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        notifications.queue_for(referral, "withdrawn")
        db.session.rollback()  # the change it reported did not happen
        with pytest.raises(ValueError):
            notifications.queue_for(referral, "deleted")
    assert rows_for(app, reference) == []


def test_a_referral_whose_transaction_fails_leaves_no_notification(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_email(app, monkeypatch, 25)
    queued: list[str] = []
    real_queue_for = notifications.queue_for

    def spy(referral: Referral, event: str) -> None:
        real_queue_for(referral, event)
        queued.append(event)

    monkeypatch.setattr(notifications, "queue_for", spy)
    before = (count_rows(app), stored_referrals(app))
    with app.app_context():
        referral = Referral(
            reference="EH-TST-FAI",
            submission_key="failing-transaction-0001",
            lang="en",
            channel="web",
            needs=["money"],
            contact={"method": "phone", "phone": "07700 900456"},
        )
        # A consent record the database refuses (no wording version) fails the commit.
        consent = ConsentRecord(
            lang="en", channel="web", share_with_front_door=True, share_with_partners=False
        )
        with pytest.raises(IntegrityError):
            referral_store.add_with_consent(referral, consent, notifications.queue_new)
    assert queued == ["new"]  # the row was in the transaction that failed...
    assert (count_rows(app), stored_referrals(app)) == before  # ...and went with it


def stored_referrals(app: Flask) -> int:
    with app.app_context():
        return referral_store.count()


def test_nothing_is_queued_or_sent_when_no_channel_is_configured(app: Flask) -> None:
    reference = make_referral(app, flagged=True)
    assert rows_for(app, reference) == []
    assert deliver(app) == notifications.DeliveryReport(sent=0, failed=0, waiting=0)


def test_the_email_names_the_referral_and_carries_no_personal_details(
    app: Flask, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_email(app, monkeypatch, smtp.port)
    plain = personal_referral(app)
    flagged = personal_referral(app, flagged=True)

    assert deliver(app) == notifications.DeliveryReport(sent=2, failed=0, waiting=0)

    assert [e.rcpt_tos for e in smtp.inbox.envelopes] == [[FRONT_DOOR], [FRONT_DOOR]]
    by_reference = {m["Subject"].split()[-1]: m for m in smtp.inbox.messages}
    assert set(by_reference) == {plain, flagged}
    # A safeguarding-flagged referral is sent first, and marked.
    assert smtp.inbox.messages[0]["Subject"] == f"[SAFEGUARDING] New Early Help referral {flagged}"
    assert by_reference[plain]["Subject"] == f"New Early Help referral {plain}"
    for reference, message in by_reference.items():
        body = message.get_content()
        assert f"{PUBLIC_URL}/frontdoor/referrals/{reference}" in body
        assert "Money, food and bills; Housing" in body and "web chat" in body and "English" in body
        assert ("FLAGGED" in body) == (reference == flagged)
        whole = message.as_string() + body
        raw = smtp.inbox.envelopes[list(by_reference).index(reference)].content.decode("utf-8", "replace")
        for fragment in PERSONAL_FRAGMENTS:
            assert fragment not in whole and fragment not in raw, fragment
    with app.app_context():
        sent = db.session.execute(select(Notification)).scalars().all()
        assert all(r.sent_at is not None and r.attempts == 1 and r.last_error is None for r in sent)
    assert deliver(app) == notifications.DeliveryReport(sent=0, failed=0, waiting=0)
    assert len(smtp.inbox.envelopes) == 2


def test_a_withdrawal_is_emailed_without_details(
    app: Flask, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = personal_referral(app, flagged=True)
    use_email(app, monkeypatch, smtp.port)
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        notifications.queue_for(referral, "withdrawn")
        db.session.commit()
    assert deliver(app).sent == 1
    (message,) = smtp.inbox.messages
    assert message["Subject"] == (
        f"[SAFEGUARDING] Referral {reference} withdrawn by the family — their details have been removed"
    )
    body = message.get_content()
    assert f"{PUBLIC_URL}/frontdoor/referrals/{reference}" in body
    assert not any(fragment in body for fragment in PERSONAL_FRAGMENTS)


def test_the_webhook_is_signed_and_a_tampered_body_fails_verification(
    app: Flask, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_webhook(app, monkeypatch, receiver)
    reference = personal_referral(app, flagged=True)

    assert deliver(app) == notifications.DeliveryReport(sent=1, failed=0, waiting=0)

    (call,) = receiver.calls
    assert call["verified"] and call["content_type"] == "application/json"
    assert call["signature"].startswith("sha256=")
    payload = json.loads(call["body"])
    assert set(payload) == {"event", "reference", "safeguarding_flag", "needs", "received_at", "url"}
    assert payload["event"] == "new" and payload["reference"] == reference
    assert payload["safeguarding_flag"] is True and payload["needs"] == ["money", "housing"]
    assert payload["url"] == f"{PUBLIC_URL}/frontdoor/referrals/{reference}"
    text = call["body"].decode()
    assert not any(fragment in text for fragment in PERSONAL_FRAGMENTS)
    tampered = call["body"].replace(b'"safeguarding_flag":true', b'"safeguarding_flag":false')
    assert tampered != call["body"]
    assert not verify(SECRET, call["timestamp"], tampered, call["signature"])
    assert not verify("another-secret", call["timestamp"], call["body"], call["signature"])
    old = str(int(call["timestamp"]) - 3600)
    assert not verify(SECRET, old, call["body"], call["signature"])


def test_a_webhook_answered_with_an_error_is_retried(
    app: Flask, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_webhook(app, monkeypatch, receiver)
    receiver.status = 500
    reference = make_referral(app)
    assert deliver(app) == notifications.DeliveryReport(sent=0, failed=1, waiting=0)
    (row,) = rows_for(app, reference)
    assert row.sent_at is None and row.attempts == 1 and row.last_error == "WebhookRefused: HTTP 500"
    receiver.status = 200
    assert deliver(app, now=utcnow() + timedelta(minutes=2)).sent == 1
    assert len(receiver.calls) == 2 and all(call["verified"] for call in receiver.calls)


def test_a_stopped_smtp_server_delays_the_email_and_it_is_sent_once_when_back(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = SmtpServer()  # not started: nothing listens on its port
    use_email(app, monkeypatch, server.port)
    reference = personal_referral(app)

    first_try = utcnow()
    assert deliver(app, now=first_try) == notifications.DeliveryReport(sent=0, failed=1, waiting=0)
    (row,) = rows_for(app, reference)
    assert row.sent_at is None and row.attempts == 1
    assert row.last_error and "refused" in row.last_error.lower()
    assert not any(fragment in row.last_error for fragment in PERSONAL_FRAGMENTS)
    assert row.next_attempt_at is not None
    retry_at = row.next_attempt_at.replace(tzinfo=None) - first_try.replace(tzinfo=None)
    assert timedelta(seconds=59) < retry_at <= timedelta(minutes=1, seconds=1)

    # Not due yet: the next pass leaves it alone.
    assert deliver(app, now=first_try + timedelta(seconds=30)) == notifications.DeliveryReport(0, 0, 1)

    server.start()
    try:
        assert deliver(app, now=first_try + timedelta(minutes=2)).sent == 1
        assert deliver(app, now=first_try + timedelta(hours=3)).sent == 0
        assert len(server.inbox.envelopes) == 1
        assert server.inbox.messages[0]["Subject"] == f"New Early Help referral {reference}"
    finally:
        server.stop()
    (row,) = rows_for(app, reference)
    assert row.sent_at is not None and row.attempts == 2 and row.last_error is None


def test_retries_back_off_to_an_hour_and_never_stop() -> None:
    minutes = [notifications.retry_delay(n).total_seconds() / 60 for n in range(1, 12)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]


def test_status_names_stuck_notifications_loudly_and_send_prints_counts(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = SmtpServer()  # not started: nothing listens on its port yet
    use_email(app, monkeypatch, server.port)
    reference = make_referral(app)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["notifications", "send"])
    assert result.exit_code == 0 and "0 sent, 1 failed, 0 waiting" in result.output

    fresh = runner.invoke(args=["notifications", "status"])
    assert fresh.exit_code == 0 and "Unsent notifications: 1" in fresh.output and "STUCK" not in fresh.output

    later = utcnow()
    for _ in range(notifications.STUCK_ATTEMPTS):
        later += timedelta(hours=1)
        deliver(app, now=later)
    stuck = runner.invoke(args=["notifications", "status"])
    assert stuck.exit_code == 1
    assert "STUCK" in stuck.stderr and reference in stuck.stderr and "Connection refused" in stuck.stderr
    assert f"{notifications.STUCK_ATTEMPTS + 1} tries" in stuck.stderr

    server.start()  # the cause is fixed: an operator need not wait out the hour
    try:
        retried = runner.invoke(args=["notifications", "send", "--retry-now"])
        assert retried.exit_code == 0 and "1 sent, 0 failed, 0 waiting" in retried.output
    finally:
        server.stop()
    assert len(server.inbox.envelopes) == 1
    done = runner.invoke(args=["notifications", "status"])
    assert done.exit_code == 0 and "Every notification has been sent." in done.output


def test_the_worker_sends_until_ctrl_c(app: Flask, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    use_email(app, monkeypatch, smtp.port)
    reference = make_referral(app)

    def interrupt_once_sent() -> None:
        deadline = time.monotonic() + 20
        while not smtp.inbox.envelopes and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    watcher = threading.Thread(target=interrupt_once_sent, daemon=True)
    watcher.start()
    result = app.test_cli_runner().invoke(args=["notifications", "run", "--interval", "0.2"])
    watcher.join()
    assert result.exit_code == 0, result.output
    assert "1 sent" in result.output and result.output.rstrip().endswith("Notifier stopped.")
    assert [m["Subject"] for m in smtp.inbox.messages] == [f"New Early Help referral {reference}"]


def test_config_is_off_by_default_and_refuses_an_unsigned_webhook(tmp_path: Path) -> None:
    config = load_config({"FAMILYHELP_ENV": "test"})
    assert config["FRONT_DOOR_EMAIL"] == "" and config["CASE_WEBHOOK_URL"] == ""
    assert config["SMTP_PORT"] == 25 and config["NOTIFY_INTERVAL"] == 15 and config["NOTIFY_TIMEOUT"] == 10
    with pytest.raises(ConfigError, match="CASE_WEBHOOK_SECRET"):
        load_config({"FAMILYHELP_ENV": "test", "CASE_WEBHOOK_URL": "https://case.council.example/hook"})
    with pytest.raises(ConfigError, match="MAIL_FROM"):
        load_config({"FAMILYHELP_ENV": "test", "FRONT_DOOR_EMAIL": FRONT_DOOR})
    signed = load_config(
        {
            "FAMILYHELP_ENV": "test",
            "CASE_WEBHOOK_URL": "https://case.council.example/hook",
            "CASE_WEBHOOK_SECRET": SECRET,
            "FRONT_DOOR_EMAIL": FRONT_DOOR,
            "MAIL_FROM": SENDER,
            "SMTP_STARTTLS": "yes",
        }
    )
    assert signed["SMTP_STARTTLS"] is True
