"""Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits),
as authenticator apps make them, on pyotp.

pyotp makes the codes; the rules stay here. pyotp's own verify() says only yes
or no, so a code would work again for as long as its window lasts; matching_step
says which step a code belongs to, so staff_auth can store it and refuse that
step (and any earlier one) next time.
"""

from __future__ import annotations

import time

import pyotp
from pyotp.utils import strings_equal

STEP_SECONDS = 30
DIGITS = 6
# One step either side, for a phone clock a little out.
WINDOW = 1


def new_secret() -> str:
    """160 random bits in base32, the length RFC 4226 recommends."""
    return pyotp.random_base32()


def _totp(secret: str, digits: int = DIGITS) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=digits, interval=STEP_SECONDS)


def code_at(secret: str, step: int, digits: int = DIGITS) -> str:
    return _totp(secret, digits).generate_otp(step)


def current_step(now: float | None = None) -> int:
    """Counted from Unix time here, not by pyotp's timecode(), which reads a datetime as local time."""
    return int((time.time() if now is None else now) // STEP_SECONDS)


def matching_step(secret: str, code: str, last_used_step: int, now: float | None = None) -> int | None:
    """The step the code belongs to, if it is valid now and newer than the last one used."""
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != DIGITS:
        return None
    step = current_step(now)
    totp = _totp(secret)
    for candidate in range(step - WINDOW, step + WINDOW + 1):
        if candidate > last_used_step and strings_equal(totp.generate_otp(candidate), code):
            return candidate
    return None


def provisioning_uri(secret: str, account: str, issuer: str = "Family Help") -> str:
    """What an authenticator app reads (usually from a QR code)."""
    return _totp(secret).provisioning_uri(name=account, issuer_name=issuer)
