"""Front-door staff sign-in: password, one-time code, lockout, roles, CSRF, timeouts."""

from __future__ import annotations

import secrets
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.data import staff_store
from portal.services.frontdoor import staff_auth, totp
from tests.support.staff import PASSWORD, csrf, sign_in


def test_staff_pages_need_a_signed_in_member_of_staff(client: FlaskClient) -> None:
    response = client.get("/frontdoor/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/frontdoor/sign-in")


def test_password_then_code_signs_in_and_the_page_is_in_english(app: Flask, staff: dict) -> None:
    client = app.test_client()
    client.set_cookie("lang", "pl")
    response = sign_in(client, staff["worker"])
    assert response.status_code == 303 and response.headers["Location"].endswith("/frontdoor/")
    home = client.get("/frontdoor/", headers={"Accept-Language": "ar"})
    html = home.get_data(as_text=True)
    assert home.status_code == 200 and 'lang="en"' in html and "Signed in as Worker" in html
    assert home.headers["Cache-Control"] == "no-store"


def test_a_code_works_only_once(app: Flask, staff: dict) -> None:
    user = staff["worker"]
    code = totp.code_at(user.totp_secret, totp.current_step())
    assert sign_in(app.test_client(), user, code=code).status_code == 303
    again = sign_in(app.test_client(), user, code=code)
    assert again.status_code == 400 and "not right" in again.get_data(as_text=True)


def test_wrong_passwords_slow_the_email_down_and_say_so(app: Flask, staff: dict) -> None:
    user = staff["manager"]
    client = app.test_client()
    for _ in range(staff_auth.FREE_TRIES):
        assert "not right" in sign_in(client, user, password="wrong password!!").get_data(as_text=True)
    waiting = sign_in(client, user)  # even the right password waits its turn
    assert waiting.status_code == 400 and "Wait 1 seconds, then try again" in waiting.get_data(as_text=True)
    with app.app_context():
        account = staff_store.get(user.id)
        assert account is not None
        kinds = [event.kind for event in staff_store.events_for(account)]
    assert kinds.count("password_failed") == staff_auth.FREE_TRIES and "throttled" in kinds


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(app: Flask, staff: dict) -> None:
    client = app.test_client()
    token = csrf(client, "/frontdoor/sign-in")
    unknown = client.post(
        "/frontdoor/sign-in", data={"csrf_token": token, "email": "nobody@x.org", "password": "x"}
    )
    wrong = sign_in(client, staff["worker"], password="not the password")
    assert unknown.status_code == wrong.status_code == 400
    assert "The email address, password or code is not right." in unknown.get_data(as_text=True)


def test_roles_are_enforced(app: Flask, staff: dict) -> None:
    worker, manager = app.test_client(), app.test_client()
    assert sign_in(worker, staff["worker"]).status_code == 303
    assert sign_in(manager, staff["manager"]).status_code == 303
    assert worker.get("/frontdoor/sign-ins").status_code == 403
    page = manager.get("/frontdoor/sign-ins")
    assert page.status_code == 200 and "signed in" in page.get_data(as_text=True)


def test_forms_refuse_a_missing_or_forged_csrf_token(app: Flask, staff: dict) -> None:
    client = app.test_client()
    user = staff["admin"]
    assert (
        client.post("/frontdoor/sign-in", data={"email": user.email, "password": PASSWORD}).status_code == 400
    )
    forged = {"csrf_token": "forged", "email": user.email, "password": PASSWORD}
    assert client.post("/frontdoor/sign-in", data=forged).status_code == 400


def test_an_idle_session_ends(app: Flask, staff: dict) -> None:
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    with client.session_transaction() as session:
        session["staff_seen"] = time.time() - 31 * 60
    assert client.get("/frontdoor/").status_code == 302


def test_sign_out_ends_the_session(app: Flask, staff: dict) -> None:
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    token = csrf(client, "/frontdoor/")
    assert client.post("/frontdoor/sign-out", data={"csrf_token": token}).status_code == 303
    assert client.get("/frontdoor/").status_code == 302


def test_accounts_need_a_long_password_and_a_known_role(app: Flask) -> None:
    with app.app_context():
        with pytest.raises(staff_auth.StaffError, match="12 characters"):
            staff_auth.create_user("a@b.org", "A", "worker", "short")
        with pytest.raises(staff_auth.StaffError, match="role"):
            staff_auth.create_user("a@b.org", "A", "boss", PASSWORD)
        user = staff_auth.create_user("hash-check@b.org", "A", "worker", PASSWORD)
        assert PASSWORD not in user.password_hash and user.password_hash.startswith("scrypt:")


def test_the_first_admin_is_made_by_a_command(app: Flask) -> None:
    runner = app.test_cli_runner()
    email = f"first-admin-{secrets.token_hex(4)}@council.example"
    result = runner.invoke(
        args=["staff", "create-admin", "--email", email, "--name", "First Admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert f"Created admin {email}" in result.output and "otpauth://totp/" in result.output
    short = runner.invoke(
        args=["staff", "create-admin", "--email", "x@y.org", "--name", "X"], input="short\nshort\n"
    )
    assert short.exit_code == 1 and "at least 12 characters" in short.output
