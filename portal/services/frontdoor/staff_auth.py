"""Signing front-door staff in: a password, then a one-time code, with lockout.

OWASP ASVS level 2: hashed passwords, a lockout after
repeated failures, a TOTP code that works once, a new session on sign-in,
idle and absolute timeouts (enforced by the frontdoor blueprint), and every
sign-in event recorded without the password or code.

In front of the per-account lockout, a per-address limit: one address trying
many accounts never trips any one account's lockout, so failures are also
counted per client address. The address is stored only as a keyed hash (the
same address gives the same key, but the key cannot be turned back into an
address without SECRET_KEY), and counted in the database so every instance
sees the same total.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from werkzeug.security import check_password_hash, generate_password_hash

from portal.data import staff_store
from portal.data.models import StaffUser, as_utc
from portal.services.frontdoor import totp

ROLES = ("worker", "manager", "admin")
MIN_PASSWORD_LENGTH = 12
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# Failed sign-in events that count towards the per-address limit. "address_limited" is not one:
# waiting out the window always lifts the limit.
ADDRESS_FAILURES = ("password_failed", "code_failed", "locked", "refused_locked")
# Checked against when the email is unknown, so an unknown address takes as long as a known one.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


class StaffError(ValueError):
    """Why an account could not be made."""


@dataclass(frozen=True)
class SignInResult:
    user: StaffUser | None
    problem: str | None  # None | "invalid" | "locked"


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
    user.failed_logins = 0
    user.locked_until = None
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
    """A keyed hash of the client's address: enough to count attempts, never the address itself."""
    if not remote_addr:
        return None
    digest = hmac.new(secret.encode("utf-8"), remote_addr.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:32]


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


def _is_locked(user: StaffUser) -> bool:
    return user.locked_until is not None and as_utc(user.locked_until) > _now()


def _failed(user: StaffUser, kind: str, address: str | None) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins >= MAX_FAILURES:
        user.locked_until = _now() + LOCKOUT
        user.failed_logins = 0
        staff_store.save()
        staff_store.record_event(user, "locked", address)
        return
    staff_store.save()
    staff_store.record_event(user, kind, address)


def check_password(email: str, password: str, address: str | None = None) -> SignInResult:
    """The first step. The same answer for an unknown email as for a wrong password.

    `address` is the client's `address_key`, stored with the event.
    """
    user = staff_store.find_by_email(email)
    if user is None or not user.active:
        check_password_hash(_DUMMY_HASH, password)
        staff_store.record_event(None, "password_failed", address)
        return SignInResult(None, "invalid")
    if _is_locked(user):
        staff_store.record_event(user, "refused_locked", address)
        return SignInResult(None, "locked")
    if not check_password_hash(user.password_hash, password):
        _failed(user, "password_failed", address)
        return SignInResult(None, "locked" if _is_locked(user) else "invalid")
    return SignInResult(user, None)


def check_code(
    user: StaffUser, code: str, now: float | None = None, *, address: str | None = None
) -> SignInResult:
    """The second step: a code from the authenticator app, each usable once."""
    if _is_locked(user):
        staff_store.record_event(user, "refused_locked", address)
        return SignInResult(None, "locked")
    step = totp.matching_step(user.totp_secret, code, user.totp_last_step or 0, now)
    if step is None:
        _failed(user, "code_failed", address)
        return SignInResult(None, "locked" if _is_locked(user) else "invalid")
    user.totp_last_step = step
    user.failed_logins = 0
    staff_store.save()
    staff_store.record_event(user, "signed_in", address)
    return SignInResult(user, None)
