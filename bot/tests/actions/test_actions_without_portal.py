"""When the portal cannot be reached, the actions still leave the family a way on.

(With the portal running, the actions are tested end to end from the portal's
tests: tests/e2e/test_chat.py.)
"""

from __future__ import annotations

import asyncio
import socket

import pytest
from actions import actions
from actions.portal import PortalClient
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
def portal_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "portal", PortalClient(f"http://127.0.0.1:{closed_port()}", "token"))


def tracker(text: str, intent: str, slots: dict | None = None) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "intent_ranking": []}
    return Tracker("someone", slots or {}, message, [], False, None, {}, "action_listen")


def test_noting_a_need_keeps_the_intents_need() -> None:
    events = asyncio.run(
        actions.ActionNoteNeed().run(CollectingDispatcher(), tracker("skint", "need_money"), {})
    )
    assert events == [SlotSet("needs", ["money"])]


def test_signposting_says_it_could_not_look_it_up() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"needs": ["money"], "age_band": "5-11", "area": "any", "language": "pl"}
    asyncio.run(actions.ActionSignpost().run(dispatcher, tracker("/inform_area", "inform_area", slots), {}))
    assert [message["response"] for message in dispatcher.messages] == ["utter_lookup_failed"]
