"""Continuation codes cannot be guessed to take over a family's conversation (#15.2)."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from portal.services.sms import codes
from tests.support.phone import Phone


def _token(browser: FlaskClient) -> str:
    page = browser.get("/chat").get_data(as_text=True)
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def _a_real_code(app: Flask, client: FlaskClient) -> str:
    phone = Phone(app, client)
    phone.text("/ref:start")
    match = re.search(r"Your code is ([A-Z]{4} \d{4})", phone.says("web"))
    assert match
    return match.group(1)


def test_codes_are_letters_and_digits_without_look_alikes(app: Flask) -> None:
    with app.test_request_context():
        made = {codes.new_code("s" * 24) for _ in range(50)}
    assert all(re.fullmatch(r"[ACDEFHJKLMNPRTWXY]{4} \d{4}", code) for code in made)
    assert len(made) == 50
    assert len(codes.LETTERS) ** 4 * 10**4 > 800_000_000  # six digits were a million


def test_a_browser_that_guesses_is_stopped_even_with_the_right_code_after(
    app: Flask, client: FlaskClient
) -> None:
    real = _a_real_code(app, client)
    browser = app.test_client()
    token = _token(browser)
    guessing_from = {"REMOTE_ADDR": "198.51.100.10"}
    for guess in ("AAAA 0000", "CDEF 1234", "KLMN 5678", "PRTW 9012", "XYAC 3456"):
        wrong = browser.post(
            "/chat/continue", data={"csrf_token": token, "code": guess}, environ_base=guessing_from
        )
        assert wrong.status_code == 400 and "has not worked" in wrong.get_data(as_text=True)
    stopped = browser.post(
        "/chat/continue", data={"csrf_token": token, "code": real}, environ_base=guessing_from
    )
    assert stopped.status_code == 429 and "Too many tries" in stopped.get_data(as_text=True)
    # The family's own code still works for them, from elsewhere.
    other = app.test_client()
    carried_on = other.post(
        "/chat/continue",
        data={"csrf_token": _token(other), "code": real.lower().replace(" ", "")},
        environ_base={"REMOTE_ADDR": "198.51.100.20"},
    )
    assert carried_on.status_code == 303


def test_a_phone_that_guesses_is_stopped(app: Flask, client: FlaskClient) -> None:
    guesser = Phone(app, client)
    for guess in ("CODE AAAA 0000", "CODE CDEF 1234", "KLMN 5678", "PRTW-9012", "xyac3456"):
        assert "has not worked" in guesser.says(guess)
    assert "Too many tries" in guesser.says("CODE KTWM 4729")


def test_an_ordinary_eight_letter_word_is_not_taken_for_a_code(app: Flask, client: FlaskClient) -> None:
    assert "has not worked" not in Phone(app, client).says("HOMELESS")
