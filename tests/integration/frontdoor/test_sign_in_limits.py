"""The per-address sign-in limit, in front of the per-account lockout.

Each test signs in from an address of its own: the limit counts rows in the shared
test database, and other tests sign in from the test client's 127.0.0.1.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from flask import Flask
from flask.testing import FlaskClient

from portal.data import staff_store
from portal.data.models import StaffAuthEvent
from portal.extensions import db
from portal.services.frontdoor import staff_auth, totp
from tests.conftest import Page
from tests.support.staff import PASSWORD, Account, csrf, sign_in

LIMIT_MESSAGE = "Too many sign-in attempts from this network. Wait 15 minutes and try again."


def new_address() -> str:
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"


def client_from(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def key(app: Flask, address: str) -> str:
    found = staff_auth.address_key(address, app.config["SECRET_KEY"])
    assert found is not None
    return found


def attempt(client: FlaskClient, email: str, password: str):
    token = csrf(client, "/frontdoor/sign-in")
    return client.post("/frontdoor/sign-in", data={"csrf_token": token, "email": email, "password": password})


def store_events(app: Flask, address: str, kind: str, count: int, minutes_ago: float = 0) -> None:
    with app.app_context():
        when = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
        db.session.add_all(
            StaffAuthEvent(kind=kind, address=key(app, address), created_at=when) for _ in range(count)
        )
        db.session.commit()


def events_from(app: Flask, address: str) -> list[StaffAuthEvent]:
    with app.app_context():
        query = db.select(StaffAuthEvent).filter_by(address=key(app, address)).order_by(StaffAuthEvent.id)
        return list(db.session.execute(query).scalars())


def test_twenty_failures_from_one_address_refuse_the_next_even_with_the_right_password(
    app: Flask,
    staff: dict[str, Account],
) -> None:
    assert app.config["SIGNIN_ADDRESS_LIMIT"] == 20 and app.config["SIGNIN_ADDRESS_WINDOW_MINUTES"] == 15
    address = new_address()
    client = client_from(app, address)
    # Several accounts, known and unknown, so no single account's lockout is what stops it.
    emails = [staff["manager"].email, staff["admin"].email, "nobody-1@x.org", "nobody-2@x.org"]
    for n in range(20):
        response = attempt(client, emails[n % 4], "wrong password!!")
        assert response.status_code == 400, n

    refused = attempt(client, staff["worker"].email, PASSWORD)

    assert refused.status_code == 429 and refused.headers["Retry-After"] == "900"
    assert refused.headers["Cache-Control"] == "no-store"
    page = Page(refused.get_data(as_text=True), refused.status_code)
    assert page.h1 == "Too many sign-in attempts" and LIMIT_MESSAGE in page.main_text
    # An unknown email gets exactly the same answer: the limit says nothing about accounts.
    unknown = attempt(client, "nobody-at-all@x.org", "whatever")
    assert unknown.status_code == 429
    assert Page(unknown.get_data(as_text=True), 429).main_text == page.main_text
    with app.app_context():
        worker = staff_store.get(staff["worker"].id)
        assert worker is not None and worker.failed_logins == 0  # the password was never checked
        assert staff_store.events_for(worker) == []

    events = events_from(app, address)
    assert [e.kind for e in events[-2:]] == ["address_limited", "address_limited"]
    assert all(e.user_id is None for e in events[-2:])
    assert len(events) == 22
    # The stored address is a keyed hash, not the address.
    stored = {e.address for e in events}
    assert stored == {key(app, address)} and len(key(app, address)) == 32
    assert address not in stored and all(address not in (e.address or "") for e in events)

    # Another address is not held back, and signs in as usual.
    elsewhere = client_from(app, new_address())
    assert sign_in(elsewhere, staff["worker"]).status_code == 303
    assert elsewhere.get("/frontdoor/").status_code == 200


def test_successful_sign_ins_and_old_failures_do_not_count(
    app: Flask,
    staff: dict[str, Account],
) -> None:
    address = new_address()
    store_events(app, address, "signed_in", 30)
    store_events(app, address, "password_failed", 40, minutes_ago=16)
    store_events(app, address, "password_failed", 19)
    client = client_from(app, address)

    assert sign_in(client, staff["worker"]).status_code == 303  # 19 recent failures: still allowed
    assert attempt(client_from(app, address), "nobody@x.org", "x").status_code == 400  # the 20th
    assert attempt(client_from(app, address), staff["admin"].email, PASSWORD).status_code == 429


def test_the_code_step_is_limited_too(app: Flask, staff: dict[str, Account]) -> None:
    address = new_address()
    client = client_from(app, address)
    user = staff["admin"]
    assert attempt(client, user.email, PASSWORD).status_code == 303
    store_events(app, address, "code_failed", 20)

    token = csrf(client, "/frontdoor/sign-in/code")
    code = totp.code_at(user.totp_secret, totp.current_step())
    refused = client.post("/frontdoor/sign-in/code", data={"csrf_token": token, "code": code})

    assert refused.status_code == 429 and LIMIT_MESSAGE in refused.get_data(as_text=True)
    assert client.get("/frontdoor/").status_code == 302  # not signed in
    limited = events_from(app, address)[-1]
    assert limited.kind == "address_limited" and limited.user_id == user.id


def test_every_sign_in_event_carries_the_hashed_address(
    app: Flask,
    staff: dict[str, Account],
) -> None:
    address = new_address()
    client = client_from(app, address)
    assert sign_in(client, staff["worker"]).status_code == 303
    token = csrf(client, "/frontdoor/")
    client.post("/frontdoor/sign-out", data={"csrf_token": token})
    assert [e.kind for e in events_from(app, address)] == ["signed_in", "signed_out"]


def test_the_address_key_is_keyed_and_stable() -> None:
    first = staff_auth.address_key("192.0.2.1", "secret one")
    assert first == staff_auth.address_key("192.0.2.1", "secret one")
    assert first != staff_auth.address_key("192.0.2.1", "secret two")
    assert first != staff_auth.address_key("192.0.2.2", "secret one")
    assert first is not None and len(first) == 32 and int(first, 16) >= 0
    assert staff_auth.address_key(None, "secret one") is None
