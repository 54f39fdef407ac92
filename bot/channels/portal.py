"""The web chat's channel: Rasa's REST channel, answering only the portal.

Same request and answer as Rasa's /webhooks/rest/webhook, at /webhooks/portal/webhook, with
the portal's token checked first (channels/portal_token.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.portal_token import from_the_portal, refusal


class PortalInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "portal"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def only_the_portal(request: Request) -> HTTPResponse | None:
            if request.method == "POST" and not from_the_portal(request):
                return refusal()
            return None

        return webhook
