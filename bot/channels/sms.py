"""The portal relays text messages here, so Rasa answers with its SMS replies.

Rasa picks a response variation marked `channel: sms` when the output channel
is called "sms". The REST channel's output channel is called "collector", so
this channel is the REST channel under another name, with an output channel of
that name: same request and answer as /webhooks/portal/webhook, and the same check
that only the portal sends (channels/portal_token.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.portal_token import from_the_portal, refusal


class SmsOutput(CollectingOutputChannel):
    @classmethod
    def name(cls) -> str:
        return "sms"


class SmsInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "sms"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("sms_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not from_the_portal(request):
                return refusal()
            collector = SmsOutput()
            await on_new_message(
                UserMessage(
                    self._extract_message(request),
                    collector,
                    await self._extract_sender(request),
                    input_channel=self.name(),
                    metadata=self.get_metadata(request),
                )
            )
            return response.json(collector.messages)

        return webhook
