"""Signing front-door staff in: a password, then a one-time code, slowed down after failures.

OWASP ASVS level 2: hashed passwords, throttling after repeated failures, a TOTP code that
works once, a new session on sign-in, idle and absolute timeouts (enforced by the frontdoor
blueprint), and every sign-in event recorded without the password or code.

Failures slow an email address down rather than lock its account: after FREE_TRIES, each
attempt must wait twice as long as the last (at most LONGEST_WAIT), whoever makes it. A
lockout let anyone who knew a worker's email keep them out for good; a wait costs a guesser
far more than the owner. Failures are counted by a keyed hash of the email, known or not,
so the answer never says whether an account exists, and counted in SQL so two at once both
count.

In front of that, a per-address limit: one address trying many emails is refused (429).
Addresses are stored only as a keyed hash, an IPv6 address by its /64 (one household or
phone has the whole /64), and counted in the database so every instance sees the same total.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from portal.data import staff_store
from portal.data.models import StaffUser, as_utc
from portal.services.frontdoor import totp

ROLES = ("worker", "manager", "admin")
MIN_PASSWORD_LENGTH = 12
FREE_TRIES = 5
LONGEST_WAIT = 60  # seconds
FORGET_FAILURES_AFTER = timedelta(hours=1)
# Failed sign-in events that count towards the per-address limit. "address_limited" is not one:
# waiting out the window always lifts the limit.
ADDRESS_FAILURES = ("password_failed", "code_failed", "throttled")
# Checked against when the email is unknown, so an unknown address takes as long as a known one.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


class StaffError(ValueError):
    """Why an account could not be made."""


@dataclass(frozen=True)
class SignInResult:
    user: StaffUser | None
    problem: str | None  # None | "invalid" | "wait"
    wait_seconds: int = 0


def _now() -> datetime:
    return datetime.now(timezone.utc)


def user_by_id(user_id: int) -> StaffUser | None:
    return staff_store.get(user_id)


def record_event(user: StaffUser | None, kind: str, address: str | None = None) -> None:
    """A sign-in event (signed out, session expired, refused a page); `address` is a keyed
    hash (address_key), never the address."""
    staff_store.record_event(user, kind, address)


def recent_events(limit: int = 200) -> list[tuple[Any, str | None]]:
    """The latest sign-in events, newest first, with the account's email when known."""
    return staff_store.recent_events(limit)


def end_all_sessions(user: StaffUser) -> None:
    """Every signed-in session of this account stops working at its next request: a session is
    only a signed cookie, so signing out of one browser must end the others (a stolen one too)."""
    user.session_epoch = (user.session_epoch or 0) + 1
    staff_store.save()


def session_current(user: StaffUser, epoch: object) -> bool:
    return isinstance(epoch, int) and epoch == (user.session_epoch or 0)


def change_role(email: str, role: str) -> StaffUser:
    """A new role takes effect at once: the account's sessions end and it signs in again."""
    if role not in ROLES:
        raise StaffError(f"role must be one of: {', '.join(ROLES)}")
    user = staff_store.find_by_email(email)
    if user is None:
        raise StaffError("there is no account with that email address")
    user.role = role
    end_all_sessions(user)
    staff_store.record_event(user, "role_changed")
    return user


def reset_password(email: str, password: str) -> StaffUser:
    """A new password ends every session (whoever knew the old one is signed out)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    user = staff_store.find_by_email(email)
    if user is None:
        raise StaffError("there is no account with that email address")
    user.password_hash = generate_password_hash(password, method="scrypt")
    staff_store.clear_failures(email_key(user.email))
    end_all_sessions(user)
    staff_store.record_event(user, "password_reset")
    return user


def create_user(email: str, name: str, role: str, password: str) -> StaffUser:
    if role not in ROLES:
        raise StaffError(f"role must be one of: {', '.join(ROLES)}")
    if "@" not in email or len(email) > 254:
        raise StaffError("enter a valid email address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if staff_store.find_by_email(email) is not None:
        raise StaffError("there is already an account with that email address")
    user = StaffUser(
        email=email.strip(),
        name=name.strip(),
        role=role,
        password_hash=generate_password_hash(password, method="scrypt"),
        totp_secret=totp.new_secret(),
        totp_last_step=0,
        failed_logins=0,
    )
    return staff_store.add(user)


def address_key(remote_addr: str | None, secret: str) -> str | None:
    """A keyed hash of the client's address: enough to count attempts, never the address itself.
    IPv6 counts by /64: a home or a phone holds the whole network, and would otherwise get
    2**64 fresh counters."""
    if not remote_addr:
        return None
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        counted = remote_addr
    else:
        counted = (
            str(ipaddress.ip_network(f"{address}/64", strict=False)) if address.version == 6 else str(address)
        )
    digest = hmac.new(secret.encode("utf-8"), counted.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:32]


def email_key(email: str) -> str:
    """What failures are counted under: a keyed hash of the email as typed (known or not)."""
    secret = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(secret, f"signin:{email.strip().casefold()}".encode(), hashlib.sha256).hexdigest()


def wait_before_next_try(key: str, now: datetime | None = None) -> int:
    """Seconds still to wait before this email may try again (0: it may)."""
    found = staff_store.throttle(key)
    if found is None or found.last_failure_at is None or found.failures < FREE_TRIES:
        return 0
    now = now or _now()
    since = now - as_utc(found.last_failure_at)
    if since > FORGET_FAILURES_AFTER:
        return 0
    wait = min(2 ** (found.failures - FREE_TRIES), LONGEST_WAIT)
    return max(0, int(wait - since.total_seconds() + 0.999))


def address_limited(
    address: str | None,
    limit: int,
    window: timedelta,
    user: StaffUser | None = None,
    now: datetime | None = None,
) -> bool:
    """True (and recorded as "address_limited") when this address has failed `limit` times
    within `window`. Checked before any password, so it tells nothing about accounts."""
    if address is None:
        return False
    since = (now or _now()) - window
    if staff_store.count_events_from(address, ADDRESS_FAILURES, since) < limit:
        return False
    staff_store.record_event(user, "address_limited", address)
    return True


def _failed(user: StaffUser | None, key: str, kind: str, address: str | None) -> SignInResult:
    found = staff_store.throttle(key)
    quiet = found is not None and found.last_failure_at is not None
    if quiet and _now() - as_utc(found.last_failure_at) > FORGET_FAILURES_AFTER:  # type: ignore[union-attr,arg-type]
        staff_store.clear_failures(key)  # an hour quiet: start again
    staff_store.count_failure(key)
    staff_store.record_event(user, kind, address)
    return SignInResult(None, "invalid")


def _throttled(user: StaffUser | None, key: str, address: str | None) -> SignInResult | None:
    wait = wait_before_next_try(key)
    if not wait:
        return None
    staff_store.record_event(user, "throttled", address)
    return SignInResult(None, "wait", wait)


def check_password(email: str, password: str, address: str | None = None) -> SignInResult:
    """The first step. The same answers for an unknown email as for a wrong password, waits
    included. `address` is the client's `address_key`, stored with the event."""
    key = email_key(email)
    user = staff_store.find_by_email(email)
    known = user if user is not None and user.active else None
    if (refused := _throttled(known, key, address)) is not None:
        return refused
    if known is None:
        check_password_hash(_DUMMY_HASH, password)  # as long as a real check takes
        return _failed(None, key, "password_failed", address)
    if not check_password_hash(known.password_hash, password):
        return _failed(known, key, "password_failed", address)
    return SignInResult(known, None)


def check_code(
    user: StaffUser, code: str, now: float | None = None, *, address: str | None = None
) -> SignInResult:
    """The second step: a code from the authenticator app, each usable once."""
    key = email_key(user.email)
    if (refused := _throttled(user, key, address)) is not None:
        return refused
    step = totp.matching_step(user.totp_secret, code, user.totp_last_step or 0, now)
    if step is None:
        return _failed(user, key, "code_failed", address)
    user.totp_last_step = step
    staff_store.save()
    staff_store.clear_failures(key)
    staff_store.record_event(user, "signed_in", address)
    return SignInResult(user, None)
