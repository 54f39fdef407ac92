"""Sending a text through Twilio's Messages API with the twilio library.

TWILIO_API_BASE points the real client at a local stand-in that speaks the
same HTTP API (development and tests); production leaves it unset.
"""

from __future__ import annotations

from typing import Any

from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

TWILIO_API = "https://api.twilio.com"


class _StandInHttpClient(TwilioHttpClient):
    def __init__(self, base: str, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.base = base.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super().request(method, url.replace(TWILIO_API, self.base, 1), *args, **kwargs)


def client(account_sid: str, auth_token: str, api_base: str | None, timeout: float = 10.0) -> Client:
    http = _StandInHttpClient(api_base, timeout) if api_base else TwilioHttpClient(timeout=timeout)
    return Client(account_sid, auth_token, http_client=http)


def send(account_sid: str, auth_token: str, api_base: str | None, sender: str, to: str, body: str) -> str:
    """Send one text; returns Twilio's message SID (raises the library's errors)."""
    message = client(account_sid, auth_token, api_base).messages.create(to=to, from_=sender, body=body)
    return str(message.sid)
