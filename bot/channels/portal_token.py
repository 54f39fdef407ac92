"""Only the portal may talk to the assistant's message webhooks.

Rasa's --auth-token protects its HTTP API (trackers, models) but not the channel webhooks:
anyone who could reach Rasa could post a message as any conversation. The portal sends
RASA_TOKEN with every message; a request without it gets 401 before Rasa reads it.
"""

from __future__ import annotations

import hmac
import os

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse


def portal_token() -> str:
    return os.environ.get("RASA_TOKEN", "")


def from_the_portal(request: Request) -> bool:
    expected = portal_token()
    if not expected:
        return False  # no token configured: refuse rather than accept everyone
    given = request.args.get("token") or ""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        given = header.removeprefix("Bearer ")
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def refusal() -> HTTPResponse:
    return response.json({"error": "only the portal may send messages here"}, status=401)
