"""A staff session is a signed cookie: ending one must end them all (#15.7)."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.services.frontdoor import staff_auth
from tests.support.staff import PASSWORD, Account, csrf, new_account, sign_in


def _signed_in(app: Flask, account: Account) -> object:
    browser = app.test_client()
    assert sign_in(browser, account).status_code == 303
    assert browser.get("/frontdoor/").status_code == 200
    return browser


def _is_signed_out(browser: object) -> bool:
    response = browser.get("/frontdoor/")  # type: ignore[attr-defined]
    return response.status_code == 302 and "/frontdoor/sign-in" in response.headers["Location"]


def test_signing_out_ends_the_sessions_in_other_browsers(app: Flask) -> None:
    account = new_account(app, "worker")
    desk = _signed_in(app, account)
    cookie = desk.get_cookie("session")  # type: ignore[attr-defined]
    stolen = app.test_client()  # someone who copied the cookie
    stolen.set_cookie("session", cookie.value)
    assert stolen.get("/frontdoor/").status_code == 200
    token = csrf(desk, "/frontdoor/")  # type: ignore[arg-type]
    desk.post("/frontdoor/sign-out", data={"csrf_token": token})  # type: ignore[attr-defined]
    assert _is_signed_out(desk)
    assert _is_signed_out(stolen)  # the copied cookie stops working too


@pytest.mark.parametrize("change", ["role", "password"])
def test_a_new_role_or_password_ends_every_session(app: Flask, change: str) -> None:
    account = new_account(app, "manager")
    browser = _signed_in(app, account)
    with app.app_context():
        if change == "role":
            staff_auth.change_role(account.email, "worker")
        else:
            staff_auth.reset_password(account.email, PASSWORD + " again")
    assert _is_signed_out(browser)
