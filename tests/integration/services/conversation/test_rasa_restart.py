"""A Rasa restart that loses the conversation must not show a family "call None" (#15.15).

The stand-in keeps slots per conversation like Rasa's tracker and writes a missing one as
"None", as Rasa does; restart() forgets everything, like Rasa's in-memory tracker store.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_test_app
from tests.support.rasa_standin import StandInRasa


class ForgetfulRasa(StandInRasa):
    def __init__(self) -> None:
        super().__init__()
        self.slots: dict[str, dict[str, Any]] = {}

    def answer(self, method: str, path: str, body: Any) -> Any:
        if "/tracker/events" in path:
            for event in body:
                self.slots.setdefault(path.split("/")[2], {})[event["name"]] = event["value"]
        elif "/webhooks/" in path:
            slots = self.slots.get(body["sender"], {})
            text = f"Call the front door on {slots.get('front_door_phone')}."
            if slots.get("language") == "pl":
                text = f"Zadzwoń pod numer {slots.get('front_door_phone')}."
            return [{"text": text}]
        return {}

    def restart(self) -> None:
        self.slots.clear()


@pytest.fixture()
def rasa() -> Iterator[ForgetfulRasa]:
    server = ForgetfulRasa().start()
    yield server
    server.shutdown()


@pytest.fixture()
def chat_client(app: Flask, rasa: ForgetfulRasa, tmp_path: Path) -> FlaskClient:
    return make_test_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, RASA_URL=rasa.url).test_client()


def say(client: FlaskClient, session: str, message: str, lang: str) -> str:
    body = client.post("/api/chat", json={"session": session, "message": message, "lang": lang}).json
    return " ".join(reply["text"] for reply in body["replies"])


def test_after_a_restart_the_family_still_gets_the_number_in_their_language(
    chat_client: FlaskClient, rasa: ForgetfulRasa
) -> None:
    session = secrets.token_urlsafe(18)
    assert "0151 606 2008" in say(chat_client, session, "potrzebuję pomocy", "pl")
    rasa.restart()
    after = say(chat_client, session, "czy mogę porozmawiać z kimś", "pl")
    assert "None" not in after
    assert after.startswith("Zadzwoń") and "0151 606 2008" in after
