"""The referral outbox: kept on disk, delivered once the portal answers, never twice.

A small HTTP server stands in for the portal's internal API here (the real
portal and action server are tested together in tests/e2e/test_referral.py).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from actions import actions
from actions.outbox import Outbox, deliver_pending
from actions.portal import PortalClient
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from tests.actions.test_actions_without_portal import closed_port


class StandInPortal(ThreadingHTTPServer):
    """Answers POST /internal/referral-drafts/<key>/submit like the portal: 201 once, then 200."""

    def __init__(self, refuse: bool = False, answers: dict[str, int] | None = None) -> None:
        self.received: list[str] = []
        self.paths: list[str] = []
        self.refuse = refuse
        self.answers = answers or {}  # key -> a status to answer with instead (a fault, a refusal)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                server.paths.append(self.path)
                key = self.path.split("/")[3]
                if server.refuse or key in server.answers:
                    self.send_response(server.answers.get(key, 404))
                    self.end_headers()
                    return
                created = key not in server.received
                server.received.append(key)
                answer = {"reference": "EH-ACD-479", "created": created, "message": "Sent: EH-ACD-479"}
                body = json.dumps(answer)
                self.send_response(201 if created else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture()
def stand_in() -> Iterator[StandInPortal]:
    server = StandInPortal()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def test_a_waiting_referral_survives_a_restart_and_is_delivered_once(
    tmp_path: Path, stand_in: StandInPortal
) -> None:
    path = tmp_path / "outbox.sqlite3"
    Outbox(path).add("key-0000000000000001")
    Outbox(path).add("key-0000000000000001")  # a retry of the same hand-over
    down = PortalClient(f"http://127.0.0.1:{closed_port()}", "token")
    assert deliver_pending(Outbox(path), down) == 0
    assert Outbox(path).pending() == ["key-0000000000000001"]
    # A new process (the action server restarted) finds it and delivers it.
    up = PortalClient(stand_in.url, "token")
    assert deliver_pending(Outbox(path), up) == 1
    assert deliver_pending(Outbox(path), up) == 0
    assert stand_in.received == ["key-0000000000000001"]


def test_a_refused_referral_is_not_offered_again(tmp_path: Path) -> None:
    server = StandInPortal(refuse=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        outbox = Outbox(tmp_path / "outbox.sqlite3")
        outbox.add("key-0000000000000002")
        assert deliver_pending(outbox, PortalClient(server.url, "token")) == 0
        assert outbox.pending() == []
    finally:
        server.shutdown()


def sending(key: str) -> Tracker:
    message = {
        "text": f'/request_referral{{"submission_key":"{key}"}}',
        "intent": {"name": "request_referral", "confidence": 1.0},
        "entities": [{"entity": "submission_key", "value": key}],
    }
    return Tracker("someone", {"language": "en"}, message, [], False, None, {}, "action_listen")


def test_with_the_portal_down_the_family_is_told_it_is_saved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    monkeypatch.setattr(actions, "outbox", outbox)
    monkeypatch.setattr(actions, "portal", PortalClient(f"http://127.0.0.1:{closed_port()}", "token"))
    dispatcher = CollectingDispatcher()
    asyncio.run(actions.ActionSubmitReferral().run(dispatcher, sending("key-0000000000000003"), {}))
    assert dispatcher.messages[0]["response"] == "utter_referral_waiting"
    assert dispatcher.messages[1]["custom"] == {"referral_queued": True}
    assert outbox.pending() == ["key-0000000000000003"]


def test_with_the_portal_up_the_family_gets_its_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stand_in: StandInPortal
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    monkeypatch.setattr(actions, "outbox", outbox)
    monkeypatch.setattr(actions, "portal", PortalClient(stand_in.url, "token"))
    dispatcher = CollectingDispatcher()
    asyncio.run(actions.ActionSubmitReferral().run(dispatcher, sending("key-0000000000000004"), {}))
    assert [message["text"] for message in dispatcher.messages] == ["Sent: EH-ACD-479"]
    assert outbox.pending() == []


def test_asking_for_a_referral_in_words_offers_the_form() -> None:
    dispatcher = CollectingDispatcher()
    message = {"text": "i want to make a referral", "intent": {"name": "request_referral"}, "entities": []}
    tracker = Tracker("someone", {}, message, [], False, None, {}, "action_listen")
    asyncio.run(actions.ActionSubmitReferral().run(dispatcher, tracker, {}))
    assert [message["response"] for message in dispatcher.messages] == ["utter_offer_referral"]


def test_a_forged_key_never_reaches_the_outbox_or_a_url(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stand_in: StandInPortal
) -> None:
    """A typed "/request_referral{...}" with a path in the key (#15.1)."""
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    monkeypatch.setattr(actions, "outbox", outbox)
    monkeypatch.setattr(actions, "portal", PortalClient(stand_in.url, "token"))
    for forged in ("../referrals?", "key/../../x", "a" * 200, "short"):
        asyncio.run(actions.ActionSubmitReferral().run(CollectingDispatcher(), sending(forged), {}))
    assert outbox.pending() == []
    assert stand_in.paths == []


def test_one_failing_referral_never_blocks_the_ones_behind_it(tmp_path: Path) -> None:
    """The portal fails on one key (a 500 for that referral alone): the others still go."""
    server = StandInPortal(answers={"key-0000000000000010": 500})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        outbox = Outbox(tmp_path / "outbox.sqlite3")
        for number in (10, 11, 12):
            outbox.add(f"key-00000000000000{number}")
        assert deliver_pending(outbox, PortalClient(server.url, "token")) == 2
        assert server.received == ["key-0000000000000011", "key-0000000000000012"]
        assert outbox.pending() == ["key-0000000000000010"]  # kept, tried again next pass
    finally:
        server.shutdown()


@pytest.mark.parametrize("status", [400, 403, 409])
def test_any_client_error_from_the_portal_is_a_refusal_not_a_retry(tmp_path: Path, status: int) -> None:
    server = StandInPortal(answers={"key-0000000000000020": status})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        outbox = Outbox(tmp_path / "outbox.sqlite3")
        outbox.add("key-0000000000000020")
        deliver_pending(outbox, PortalClient(server.url, "token"))
        assert outbox.pending() == []
    finally:
        server.shutdown()
