"""Continuation codes: carrying one conversation between the web chat and text messages.

A code opens someone's conversation, their transcript and an open referral form, so it
must not be guessable: four letters and four digits from an alphabet without look-alikes
(about 840 million codes), for 15 minutes, once. Wrong codes are counted for whoever tried
(the browser session, the phone number and the address, each only as a keyed hash): after
MAX_FAILURES in FAILURE_WINDOW they are refused without looking, and a warning is logged
once a source reaches ALARM_FAILURES, so operators see a guessing attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from flask import current_app

from portal.data import sms_store
from portal.data.models import utcnow

LETTERS = "ACDEFHJKLMNPRTWXY"  # no B/8, G/6, I/1, O/0, Q/O, S/5, U/V, Z/2
DIGITS = "0123456789"
LIFETIME = timedelta(minutes=15)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
ALARM_FAILURES = 20
_TYPED = re.compile(r"^([A-Za-z]{4})[\s-]*(\d{4})$")


class TooManyTries(Exception):
    """This browser, number or address got too many codes wrong lately: wait, or ask again."""


def _keyed(kind: str, value: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:40]


def _code_hash(code: str) -> str:
    return _keyed("continue", code)


def new_code(session_id: str) -> str:
    """A code for this conversation, as people read it: "KTWM 4729"."""
    code = "".join(secrets.choice(LETTERS) for _ in range(4)) + "".join(
        secrets.choice(DIGITS) for _ in range(4)
    )
    sms_store.add_code(_code_hash(code), session_id, utcnow() + LIFETIME)
    return f"{code[:4]} {code[4:]}"


def read(typed: str) -> str | None:
    """The code in what someone typed ("ktwm4729", "KTWM 4729", "ktwm-4729"), or None."""
    match = _TYPED.match((typed or "").strip())
    return (match.group(1).upper() + match.group(2)) if match else None


def use(typed: str, tried_by: dict[str, str | None]) -> str | None:
    """The conversation a code carries, once; None for a wrong or old code.

    `tried_by` names who is trying ({"browser": …, "phone": …, "address": …}); each is
    counted separately, so clearing cookies does not reset the address's count.
    """
    who = [_keyed(kind, value) for kind, value in tried_by.items() if value]
    since = utcnow() - FAILURE_WINDOW
    if any(sms_store.code_failures_since(key, since) >= MAX_FAILURES for key in who):
        raise TooManyTries
    code = read(typed)
    session_id = sms_store.use_code(_code_hash(code)) if code else None
    if session_id is None:
        sms_store.record_code_failure(who)
        day = utcnow() - timedelta(hours=24)
        if any(sms_store.code_failures_since(key, day) == ALARM_FAILURES for key in who):
            current_app.logger.warning(
                "continuation codes: %d wrong codes in a day from one %s: someone may be guessing",
                ALARM_FAILURES,
                "/".join(kind for kind, value in tried_by.items() if value),
            )
    return session_id
