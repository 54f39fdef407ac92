"""Front-door staff: accounts made through the real service, and signing in as a browser does.

Registered in tests/conftest.py (`pytest_plugins`), so any test can ask for `staff`.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.services.frontdoor import staff_auth, totp

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Account:
    """What a member of staff knows: no ORM object, so it outlives the app context it was made in."""

    id: int
    email: str
    totp_secret: str


def new_account(app: Flask, role: str, name: str | None = None, password: str = PASSWORD) -> Account:
    """One member of staff with a fresh email address, so accounts never clash between tests."""
    with app.app_context():
        user = staff_auth.create_user(
            f"{role}-{secrets.token_hex(4)}@council.example", name or role.title(), role, password
        )
        return Account(user.id, user.email, user.totp_secret)


@pytest.fixture()
def staff(app: Flask) -> dict[str, Account]:
    """One account for every role, by role."""
    # The app context is closed before the requests: requests reuse an open one, and
    # with it Flask-WTF's per-request token cache, which a browser never shares.
    return {role: new_account(app, role) for role in staff_auth.ROLES}


def csrf(client: FlaskClient, url: str) -> str:
    """The form's CSRF token, read from the page as a browser would."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True))
    assert match
    return match.group(1)


def sign_in(client: FlaskClient, user: Account, password: str = PASSWORD, code: str | None = None) -> Any:
    """Password, then the one-time code: the first answer that is not a redirect, or the last one."""
    token = csrf(client, "/frontdoor/sign-in")
    first = client.post(
        "/frontdoor/sign-in", data={"csrf_token": token, "email": user.email, "password": password}
    )
    if first.status_code != 303:
        return first
    code = code or totp.code_at(user.totp_secret, totp.current_step())
    token = csrf(client, "/frontdoor/sign-in/code")
    return client.post("/frontdoor/sign-in/code", data={"csrf_token": token, "code": code})
