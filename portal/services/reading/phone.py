"""Phone numbers as Twilio writes them (E.164), and a keyed hash to know a number by.

The portal keeps no table of phone numbers: a texting family is known by an
HMAC of their number, which cannot be turned back into it; the number itself
lives only where the family gave it for contact (their referral).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from flask import current_app


def e164(number: str) -> str | None:
    """ "07700 900123", "+44 7700 900123", "0044 7700 900123" → "+447700900123"."""
    raw = (number or "").strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") and 8 <= len(digits) <= 15:
        return f"+{digits}"
    if digits.startswith("00") and 10 <= len(digits) <= 17:
        return f"+{digits[2:]}"
    if digits.startswith("0") and len(digits) in (10, 11):  # a UK number written at home
        return f"+44{digits[1:]}"
    return None


def phone_key(number: str) -> str:
    normal = e164(number) or (number or "").strip()
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(secret, f"sms:{normal}".encode(), hashlib.sha256).hexdigest()
