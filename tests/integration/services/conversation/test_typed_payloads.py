"""Only buttons the portal offered reach Rasa as an intent (#15.1).

A stand-in for Rasa's REST channel records what the portal sends it and answers with one
button, so the test sees exactly what would reach the assistant.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_test_app

OFFERED = '/inform_age{"age_band":"5-11"}'


class StandInRasa(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.messages: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                if "/webhooks/" in self.path:
                    server.messages.append(body.get("message", ""))
                    button = {"title": "5 to 11", "payload": OFFERED}
                    answer: object = [{"text": "How old is your child?", "buttons": [button]}]
                else:
                    answer = {}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture()
def rasa() -> Iterator[StandInRasa]:
    server = StandInRasa()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture()
def chat_client(empty_app: Flask, rasa: StandInRasa, tmp_path: Path) -> FlaskClient:
    uri = empty_app.config["SQLALCHEMY_DATABASE_URI"]
    app = make_test_app(uri, tmp_path, RASA_URL=f"http://127.0.0.1:{rasa.server_address[1]}")
    return app.test_client()


def send(client: FlaskClient, session: str, message: str) -> None:
    response = client.post("/api/chat", json={"session": session, "message": message, "lang": "en"})
    assert response.status_code == 200


def test_a_typed_intent_with_entities_reaches_rasa_as_words(
    chat_client: FlaskClient, rasa: StandInRasa
) -> None:
    session = secrets.token_urlsafe(18)
    send(chat_client, session, '/request_referral{"submission_key":"../referrals?"}')
    assert rasa.messages == ['request_referral{"submission_key":"../referrals?"}']


def test_a_button_the_portal_offered_is_pressed(chat_client: FlaskClient, rasa: StandInRasa) -> None:
    session = secrets.token_urlsafe(18)
    send(chat_client, session, "my son will not go to school")
    send(chat_client, session, OFFERED)
    assert rasa.messages[-1] == OFFERED


def test_a_button_offered_to_another_conversation_is_not(chat_client: FlaskClient, rasa: StandInRasa) -> None:
    send(chat_client, secrets.token_urlsafe(18), "my son will not go to school")
    send(chat_client, secrets.token_urlsafe(18), OFFERED)
    assert rasa.messages[-1] == OFFERED.lstrip("/")
