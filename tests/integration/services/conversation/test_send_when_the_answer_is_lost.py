"""The action server stores the referral and dies before answering: the family still gets
their reference (#15.16).

A stand-in for Rasa hands the key to the portal's internal API, as the action server does,
then answers with nothing, as when the action server or Rasa is killed mid-reply.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from portal.data import referral_store
from tests.conftest import make_test_app
from tests.support.family import Family, fill_in_up_to_consent

KEY = re.compile(r'"submission_key":"([^"]+)"')


class DiesAfterStoring(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.portal: Any = None  # the app's test client, set once the app exists
        self.token = ""
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                answer: Any = {}
                if "/webhooks/" in self.path:
                    answer = []
                    found = KEY.search(str(body.get("message", "")))
                    if found:  # the action server's hand-over, then silence
                        server.portal.post(
                            f"/internal/referral-drafts/{found.group(1)}/submit",
                            headers={"Authorization": f"Bearer {server.token}"},
                        )
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                data = json.dumps({"slots": {}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture()
def rasa() -> Iterator[DiesAfterStoring]:
    server = DiesAfterStoring()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def test_the_family_is_told_the_reference_the_portal_stored(
    empty_app: Flask, rasa: DiesAfterStoring, tmp_path: Path
) -> None:
    from portal.services.content.loader import load_content

    url = f"http://127.0.0.1:{rasa.server_address[1]}"
    app = make_test_app(empty_app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, RASA_URL=url)
    with app.app_context():
        load_content(app.config["CONTENT_DIR"])
    rasa.portal, rasa.token = app.test_client(), app.config["SERVICE_TOKEN"]
    family = Family(app.test_client())
    fill_in_up_to_consent(family)
    family.press("Yes, I agree")
    family.press("Yes, I agree")
    said = family.press("Send my request")
    reference = re.search(r"EH-[A-Z0-9]{3}-[A-Z0-9]{3}", said)
    assert reference, said
    with app.app_context():
        assert referral_store.by_reference(reference.group(0)) is not None
