"""Staff sign-in cannot be denied to staff (#15.3): failures slow an email down, never lock it
for long; the answers are the same for unknown emails; failures counted at once all count;
IPv6 addresses count by /64."""

from __future__ import annotations

import threading
from datetime import timedelta

from flask import Flask

from portal.data import staff_store
from portal.data.models import SigninThrottle, utcnow
from portal.extensions import db
from portal.services.frontdoor import staff_auth
from tests.support.staff import PASSWORD, csrf, new_account, sign_in


def _fail(client, email: str) -> str:  # type: ignore[no-untyped-def]
    token = csrf(client, "/frontdoor/sign-in")
    data = {"csrf_token": token, "email": email, "password": "not the password"}
    return client.post("/frontdoor/sign-in", data=data).get_data(as_text=True)


def test_someone_who_knows_the_email_cannot_keep_the_owner_out(app: Flask) -> None:
    owner = new_account(app, "worker")
    attacker = app.test_client()
    for _ in range(staff_auth.FREE_TRIES + 6):
        _fail(attacker, owner.email)
    with app.app_context():
        key = staff_auth.email_key(owner.email)
        assert 0 < staff_auth.wait_before_next_try(key) <= staff_auth.LONGEST_WAIT  # a wait, not a lockout
        # Once the wait has passed the owner signs in, however many failures came before.
        found = db.session.execute(db.select(SigninThrottle).filter_by(key=key)).scalar_one()
        found.last_failure_at = utcnow() - timedelta(seconds=staff_auth.LONGEST_WAIT + 1)
        db.session.commit()
    assert sign_in(app.test_client(), owner, password=PASSWORD).status_code == 303


def test_an_unknown_email_is_slowed_down_with_the_same_words(app: Flask) -> None:
    real = new_account(app, "worker")
    client = app.test_client()
    answers_unknown = [_fail(client, "nobody-here@council.example") for _ in range(staff_auth.FREE_TRIES + 1)]
    answers_real = [_fail(client, real.email) for _ in range(staff_auth.FREE_TRIES + 1)]
    for unknown, known in zip(answers_unknown, answers_real, strict=True):
        assert ("not right" in unknown) == ("not right" in known)
        assert ("Wait 1 seconds" in unknown) == ("Wait 1 seconds" in known)
    assert "Wait 1 seconds" in answers_unknown[-1]


def test_failures_at_the_same_moment_all_count(empty_app: Flask) -> None:
    """The counter is an UPDATE … + 1, not read-then-write (which lost failures under a race)."""
    owner = new_account(empty_app, "worker")
    with empty_app.app_context():
        key = staff_auth.email_key(owner.email)

    def fail_once() -> None:
        with empty_app.app_context():
            staff_auth.check_password(owner.email, "not the password")

    at_once = staff_auth.FREE_TRIES - 1  # all under the free tries, so none is made to wait
    threads = [threading.Thread(target=fail_once) for _ in range(at_once)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with empty_app.app_context():
        found = staff_store.throttle(key)
        assert found is not None and found.failures == at_once


def test_ipv6_addresses_count_by_their_64() -> None:
    one = staff_auth.address_key("2001:db8:1:2:aaaa::1", "secret")
    same_home = staff_auth.address_key("2001:db8:1:2:ffff:ffff:ffff:ffff", "secret")
    next_door = staff_auth.address_key("2001:db8:1:3::1", "secret")
    assert one == same_home and one != next_door
    assert staff_auth.address_key("192.0.2.1", "secret") != staff_auth.address_key("192.0.2.2", "secret")
