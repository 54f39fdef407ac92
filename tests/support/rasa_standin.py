"""A stand-in for the Rasa server's HTTP API: JSON in, JSON out, answered by the test.

A test subclasses it and says what each request gets (`answer`), so it sees exactly what the
portal sends the assistant and can play a Rasa that forgets, dies mid-reply, or offers a button.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class StandInRasa(ThreadingHTTPServer):
    def __init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}") if method == "POST" else {}
                data = json.dumps(server.answer(method, self.path, body)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                self._reply("POST")

            def do_GET(self) -> None:
                self._reply("GET")

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> StandInRasa:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def answer(self, method: str, path: str, body: Any) -> Any:
        """What Rasa answers: nothing said (an empty reply list) to a message, {} to the rest."""
        return [] if "/webhooks/" in path else {}
