"""A button's payload typed by hand gets the same checks as typed words (#15.17)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store, draft_store
from tests.support.family import Family


def _asked_own_age(client: FlaskClient) -> Family:
    family = Family(client)
    family.say("/ref:start")
    family.press("Myself (I'm a young person)")
    return family


def test_a_typed_age_payload_under_13_still_ends_the_form(app: Flask, client: FlaskClient) -> None:
    family = _asked_own_age(client)
    said = family.say("/ref:own_age:12")
    assert "someone under 13 needs an adult" in said
    with app.app_context():
        assert draft_store.for_conversation(chat_store.conversation_key(family.session)) is None


def test_a_nonsense_payload_is_not_understood_and_not_saved(app: Flask, client: FlaskClient) -> None:
    family = _asked_own_age(client)
    said = family.say("/ref:own_age:abc")
    assert "saved" not in said.lower()
    with app.app_context():
        draft = draft_store.for_conversation(chat_store.conversation_key(family.session))
        assert draft is not None and draft.step == "own_age" and "own_age" not in (draft.answers or {})


def test_a_button_the_question_offers_still_works(client: FlaskClient) -> None:
    family = Family(client)
    family.say("/ref:start")
    offered = family.buttons["Myself (I'm a young person)"]
    assert "How old are you?" in family.say(offered)
