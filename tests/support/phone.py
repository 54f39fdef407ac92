"""A phone that texts the portal's Twilio webhook exactly as Twilio does (signed form posts):
`Phone` in-process through the test client, `LivePhone` over HTTP to a served portal."""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as ElementTree

import requests
from flask import Flask
from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator

from tests.support.stack import LivePortal

WEBHOOK = "http://localhost/sms/twilio"


class Phone:
    def __init__(self, app: Flask, client: FlaskClient, number: str | None = None) -> None:
        self.app = app
        self.client = client
        self.number = number or f"+4477009{secrets.randbelow(10**5):05d}"
        self.status = 0

    def params(self, body: str, sid: str | None = None) -> dict[str, str]:
        return {
            "MessageSid": sid or "SM" + secrets.token_hex(16),
            "AccountSid": "AC" + "0" * 32,
            "From": self.number,
            "To": "+447700900000",
            "Body": body,
        }

    def post(self, params: dict[str, str], signature: str | None = None):
        if signature is None:
            signature = RequestValidator(self.app.config["TWILIO_AUTH_TOKEN"]).compute_signature(
                WEBHOOK, params
            )
        return self.client.post("/sms/twilio", data=params, headers={"X-Twilio-Signature": signature})

    def text(self, body: str, sid: str | None = None) -> list[str]:
        """The texts that come back."""
        response = self.post(self.params(body, sid))
        self.status = response.status_code
        assert response.status_code == 200, response.get_data(as_text=True)
        return [m.text or "" for m in ElementTree.fromstring(response.data).iter("Message")]

    def says(self, body: str) -> str:
        return "\n".join(self.text(body))


class LivePhone:
    """A phone texting a portal served over HTTP (tests/e2e), signed as Twilio signs."""

    def __init__(self, portal: LivePortal) -> None:
        self.portal = portal
        self.number = f"+4477009{secrets.randbelow(10**5):05d}"
        self.url = f"{portal.url}/sms/twilio"

    def text(self, body: str) -> list[str]:
        """The texts that come back."""
        params = {
            "MessageSid": "SM" + secrets.token_hex(16),
            "From": self.number,
            "To": "+447700900000",
            "Body": body,
        }
        signature = RequestValidator(self.portal.app.config["TWILIO_AUTH_TOKEN"]).compute_signature(
            self.url, params
        )
        answer = requests.post(self.url, data=params, headers={"X-Twilio-Signature": signature}, timeout=30)
        assert answer.status_code == 200, answer.text
        return [m.text or "" for m in ElementTree.fromstring(answer.content).iter("Message")]

    def says(self, body: str) -> str:
        return "\n".join(self.text(body))
