"""Calling the council's case system with a signed JSON body.

The signature is HMAC-SHA256 over "<unix seconds>.<body bytes>" with a shared
secret, so the receiver can tell the call came from us, was not altered, and is
recent (it should refuse timestamps more than a few minutes old).
"""

from __future__ import annotations

import hashlib
import hmac
import time

import requests

TIMESTAMP_HEADER = "X-FamilyHelp-Timestamp"
SIGNATURE_HEADER = "X-FamilyHelp-Signature"


class WebhookRefused(RuntimeError):
    """The receiver answered, but not with a 2xx status."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def post(url: str, secret: str, body: bytes, timeout: float) -> None:
    """POST the body signed; raises requests.RequestException or WebhookRefused on failure."""
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }
    # No redirects: a redirect would resend the signed body somewhere we were not told about.
    response = requests.post(url, data=body, headers=headers, timeout=timeout, allow_redirects=False)
    if not 200 <= response.status_code < 300:
        raise WebhookRefused(f"HTTP {response.status_code}")
