"""The front door's pages pass axe (WCAG 2.2 AA) once a worker has signed in."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from flask import Flask

from portal.services.frontdoor import staff_auth, totp
from tests.support.referrals import make_referral

pytestmark = pytest.mark.browser


def test_queue_and_referral_pages_pass_axe(app: Flask, axe: Any, live_url: str) -> None:
    with app.app_context():
        user = staff_auth.create_user(
            f"axe-{secrets.token_hex(4)}@council.example", "Axe", "manager", "a long enough password"
        )
        email, secret = user.email, user.totp_secret
    reference = make_referral(app, flagged=True)
    page = axe.open(live_url + "/frontdoor/sign-in", javascript=True)
    try:
        page.fill("#email", email)
        page.fill("#password", "a long enough password")
        page.click("button[type=submit]")
        page.fill("#code", totp.code_at(secret, totp.current_step()))
        page.click("button[type=submit]")
        page.wait_for_url("**/frontdoor/")
        for url in ("/frontdoor/", f"/frontdoor/referrals/{reference}", "/frontdoor/sign-ins"):
            page.goto(live_url + url)
            assert page.locator("h1").count() == 1
            assert axe.violations(page) == [], url
        # The print view is a POST (it writes an audit line): reached with its button, as a worker does.
        page.goto(live_url + f"/frontdoor/referrals/{reference}")
        page.get_by_role("button", name="Print view").click()
        page.wait_for_url(f"**/referrals/{reference}/print")
        assert page.locator("h1").count() == 1
        assert axe.violations(page) == [], "print view"
    finally:
        page.context.close()
