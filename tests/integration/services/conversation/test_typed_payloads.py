"""Only buttons the portal offered reach Rasa as an intent (#15.1).

A stand-in for Rasa's REST channel records what the portal sends it and answers with one
button, so the test sees exactly what would reach the assistant.
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

OFFERED = '/inform_age{"age_band":"5-11"}'


class OffersAnAge(StandInRasa):
    """Records each message and answers it with the age question and one button."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def answer(self, method: str, path: str, body: Any) -> Any:
        if "/webhooks/" not in path:
            return {}
        self.messages.append(body.get("message", ""))
        return [{"text": "How old is your child?", "buttons": [{"title": "5 to 11", "payload": OFFERED}]}]


@pytest.fixture()
def rasa() -> Iterator[OffersAnAge]:
    server = OffersAnAge().start()
    yield server
    server.shutdown()


@pytest.fixture()
def chat_client(empty_app: Flask, rasa: OffersAnAge, tmp_path: Path) -> FlaskClient:
    uri = empty_app.config["SQLALCHEMY_DATABASE_URI"]
    app = make_test_app(uri, tmp_path, RASA_URL=rasa.url)
    return app.test_client()


def send(client: FlaskClient, session: str, message: str) -> None:
    response = client.post("/api/chat", json={"session": session, "message": message, "lang": "en"})
    assert response.status_code == 200


def test_a_typed_intent_with_entities_reaches_rasa_as_words(
    chat_client: FlaskClient, rasa: OffersAnAge
) -> None:
    session = secrets.token_urlsafe(18)
    send(chat_client, session, '/request_referral{"submission_key":"../referrals?"}')
    assert rasa.messages == ['request_referral{"submission_key":"../referrals?"}']


def test_a_button_the_portal_offered_is_pressed(chat_client: FlaskClient, rasa: OffersAnAge) -> None:
    session = secrets.token_urlsafe(18)
    send(chat_client, session, "my son will not go to school")
    send(chat_client, session, OFFERED)
    assert rasa.messages[-1] == OFFERED


def test_a_button_offered_to_another_conversation_is_not(chat_client: FlaskClient, rasa: OffersAnAge) -> None:
    send(chat_client, secrets.token_urlsafe(18), "my son will not go to school")
    send(chat_client, secrets.token_urlsafe(18), OFFERED)
    assert rasa.messages[-1] == OFFERED.lstrip("/")
