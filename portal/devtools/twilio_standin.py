"""A local stand-in for Twilio's Messages API, for development and tests.

It answers the two requests the portal makes of Twilio — send a message, and
(for the SMS simulator) list messages — in Twilio's own shapes, and keeps the
messages in memory. The real twilio client is pointed at it with
TWILIO_API_BASE (portal/clients/twilio_sms.py).

    python -m portal.devtools.twilio_standin --port 5099
"""

from __future__ import annotations

import argparse
import json
import secrets
import threading
from datetime import datetime, timezone
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

PATH = "/2010-04-01/Accounts/"


class TwilioStandIn:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.server: Any = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.respond(Request(environ))(environ, start_response)

    def respond(self, request: Request) -> Response:
        parts = request.path.removeprefix(PATH).split("/")
        if not request.path.startswith(PATH) or len(parts) != 2 or parts[1] != "Messages.json":
            return self._json(
                {"code": 20404, "message": "The requested resource was not found", "status": 404}, 404
            )
        account = parts[0]
        if request.authorization is None or request.authorization.username != account:
            return self._json({"code": 20003, "message": "Authenticate", "status": 401}, 401)
        if request.method == "POST":
            return self._create(account, request)
        wanted = request.args.get("To")
        with self.lock:
            found = [m for m in self.messages if m["account_sid"] == account and wanted in (None, m["to"])]
        return self._json({"messages": list(reversed(found)), "page": 0, "page_size": 50})

    def _create(self, account: str, request: Request) -> Response:
        to, sender, body = request.form.get("To"), request.form.get("From"), request.form.get("Body")
        if not to or not sender or body is None:
            return self._json(
                {"code": 21604, "message": "A 'To', 'From' and 'Body' are required", "status": 400}, 400
            )
        now = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
        message = {
            "sid": "SM" + secrets.token_hex(16),
            "account_sid": account,
            "to": to,
            "from": sender,
            "body": body,
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "date_created": now,
            "date_updated": now,
            "uri": f"{PATH}{account}/Messages/x.json",
        }
        with self.lock:
            self.messages.append(message)
        return self._json(message, 201)

    @staticmethod
    def _json(body: dict[str, Any], status: int = 200) -> Response:
        return Response(json.dumps(body), status, mimetype="application/json")

    def start(self, port: int = 0) -> str:
        """Serve on 127.0.0.1 in a thread; returns the base address."""
        self.server = make_server("127.0.0.1", port, self, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server = None

    def sent_to(self, number: str) -> list[str]:
        with self.lock:
            return [m["body"] for m in self.messages if m["to"] == number]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5099)
    port = parser.parse_args().port
    print(f"Twilio stand-in on http://127.0.0.1:{port} (texts are kept in memory)", flush=True)
    make_server("127.0.0.1", port, TwilioStandIn(), threaded=True).serve_forever()


if __name__ == "__main__":
    main()
