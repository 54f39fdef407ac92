"""A Rasa restart that loses the conversation must not show a family "call None" (#15.15).

The stand-in keeps slots per conversation like Rasa's tracker and writes a missing one as
"None", as Rasa does; restart() forgets everything, like Rasa's in-memory tracker store.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_test_app


class ForgetfulRasa(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.slots: dict[str, dict[str, Any]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                answer: Any = {}
                if "/tracker/events" in self.path:
                    sender = self.path.split("/")[2]
                    for event in body:
                        server.slots.setdefault(sender, {})[event["name"]] = event["value"]
                elif "/webhooks/" in self.path:
                    slots = server.slots.get(body["sender"], {})
                    text = f"Call the front door on {slots.get('front_door_phone')}."
                    if slots.get("language") == "pl":
                        text = f"Zadzwoń pod numer {slots.get('front_door_phone')}."
                    answer = [{"text": text}]
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    def restart(self) -> None:
        self.slots.clear()


@pytest.fixture()
def rasa() -> Iterator[ForgetfulRasa]:
    server = ForgetfulRasa()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture()
def chat_client(app: Flask, rasa: ForgetfulRasa, tmp_path: Path) -> FlaskClient:
    url = f"http://127.0.0.1:{rasa.server_address[1]}"
    return make_test_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, RASA_URL=url).test_client()


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
