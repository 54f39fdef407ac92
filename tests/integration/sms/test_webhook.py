"""The Twilio webhook as a texting family (and an attacker) meets it.

Rasa is not running in these tests (the test app points at a closed port): the
portal's own answers — keywords, the safety reply, the referral form — are all
here; conversations with the real assistant are in tests/e2e/test_sms.py.
"""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store, draft_store, referral_store
from portal.data.models import ChatConversation, SafeguardingEvent, SmsContact, SmsMessage
from portal.extensions import db
from portal.services.reading.phone import phone_key
from tests.support.phone import Phone
from tests.support.referrals import make_referral


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(  # type: ignore[return-value]
            db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()
            for model in (SmsMessage, SmsContact, ChatConversation)
        )


def contact(app: Flask, phone: Phone) -> SmsContact:
    with app.app_context():
        found = db.session.execute(
            db.select(SmsContact).filter_by(phone_key=phone_key(phone.number))
        ).scalar_one()
        db.session.expunge(found)
        return found


def test_a_forged_or_unsigned_request_is_refused_and_nothing_is_stored(
    app: Flask, client: FlaskClient
) -> None:
    phone = Phone(app, client)
    before = counts(app)
    forged = phone.post(phone.params("my dad hits me"), signature="bm90IGEgc2lnbmF0dXJl")
    unsigned = client.post("/sms/twilio", data=phone.params("hi"))
    # Signed for another address (a replay against a different URL) is refused too.
    params = phone.params("hi")
    from twilio.request_validator import RequestValidator

    elsewhere = RequestValidator(app.config["TWILIO_AUTH_TOKEN"]).compute_signature(
        "https://evil.example/x", params
    )
    moved = phone.post(params, signature=elsewhere)
    assert forged.status_code == unsigned.status_code == moved.status_code == 403
    assert counts(app) == before


def test_a_retried_message_gets_no_second_reply(app: Flask, client: FlaskClient) -> None:
    phone = Phone(app, client)
    sid = "SM" + "ab" * 16
    assert phone.text("HELP", sid=sid)
    assert phone.text("HELP", sid=sid) == []


def test_after_stop_nothing_is_sent_until_start(app: Flask, client: FlaskClient) -> None:
    phone = Phone(app, client)
    assert phone.text("hi")
    assert phone.text("Stop") == []  # Twilio confirms STOP itself
    assert phone.text("hello?") == []
    assert phone.text("HELP") == []
    assert contact(app, phone).opted_out_at is not None
    assert "texts again" in phone.says("start")
    assert phone.text("hi")


def test_help_answers_in_any_case(app: Flask, client: FlaskClient) -> None:
    help_text = Phone(app, client).says("help")
    assert "STOP" in help_text and "999" in help_text and "WEB" in help_text
    assert Phone(app, client).says("HELP") == help_text


def test_a_crisis_text_is_answered_at_once_even_without_the_assistant(
    app: Flask, client: FlaskClient
) -> None:
    texts = Phone(app, client).text("my baby is not breathing")
    assert "999" in texts[0]
    assert any("0151 606 2008" in text for text in texts)
    with app.app_context():
        event = (
            db.session.execute(db.select(SafeguardingEvent).order_by(SafeguardingEvent.id.desc()))
            .scalars()
            .first()
        )
        assert event is not None and event.channel == "sms" and event.kind == "medical_emergency"


def test_numbered_choices_are_answered_with_a_digit(app: Flask, client: FlaskClient) -> None:
    phone = Phone(app, client)
    question = phone.says("/ref:start")
    assert "\n1 My child or children\n2 Myself" in question
    assert "How old are the children?" in phone.says("1")
    # 9 is not one of the choices offered: it is read as the answer (an age).
    assert "first names" in phone.says("9")
    assert "Skip" in phone.says("1")  # "1 Skip this question" was the first choice


def test_exit_clears_the_conversation_and_answers_neutrally(app: Flask, client: FlaskClient) -> None:
    phone = Phone(app, client)
    phone.text("/ref:start")
    before = contact(app, phone)
    assert phone.says("EXIT") == "Thank you, your message has been received."
    after = contact(app, phone)
    assert after.session_id != before.session_id and after.choices == []
    with app.app_context():
        key = chat_store.conversation_key(before.session_id)
        assert draft_store.for_conversation(key) is None and chat_store.conversation_by_key(key) is None


def test_a_web_conversation_carries_on_by_text_with_a_one_time_code(
    app: Flask, client: FlaskClient, monkeypatch
) -> None:
    monkeypatch.setitem(app.config, "TWILIO_FROM_NUMBER", "+447700900000")
    page = client.get("/chat").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/chat", data={"csrf_token": token, "message": "/ref:start"})
    shown = client.post("/chat/text-code", data={"csrf_token": token}).get_data(as_text=True)
    code = re.search(r"Text ([A-Z]{4} \d{4}) to", shown)
    assert code, shown
    phone = Phone(app, client)
    assert "carry on by text" in phone.says(f"CODE {code.group(1)}")
    # The same conversation: the web's open referral form goes on by text.
    assert "How old are the children?" in phone.says("/ref:about:children")
    with client.session_transaction() as cookie:
        assert contact(app, phone).session_id == cookie["chat_id"]
    # A code works once.
    assert "has not worked" in Phone(app, client).says(code.group(1))


def test_a_text_conversation_carries_on_on_the_web_with_a_one_time_code(
    app: Flask, client: FlaskClient
) -> None:
    phone = Phone(app, client)
    phone.text("/ref:start")
    code = re.search(r"Your code is ([A-Z]{4} \d{4})", phone.says("web"))
    assert code
    browser = app.test_client()
    page = browser.get("/chat").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    assert (
        browser.post("/chat/continue", data={"csrf_token": token, "code": code.group(1)}).status_code == 303
    )
    assert "Who would you like help for?" in browser.get("/chat").get_data(as_text=True)
    with browser.session_transaction() as cookie:
        assert cookie["chat_id"] == contact(app, phone).session_id
    again = browser.post("/chat/continue", data={"csrf_token": token, "code": code.group(1)})
    assert again.status_code == 400 and "has not worked" in again.get_data(as_text=True)


def test_withdraw_by_text_from_the_number_that_was_given(app: Flask, client: FlaskClient) -> None:
    reference = make_referral(app)  # contact phone 07700 900456
    stranger = Phone(app, client)
    assert "could not find" in stranger.says(f"WITHDRAW {reference}")
    family = Phone(app, client, number="+447700900456")
    assert "has been withdrawn" in family.says(f"withdraw {reference.lower()}")
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None and referral.status == "withdrawn" and referral.own_words == ""
        consent = referral_store.consent_for(referral)
        assert consent is not None and consent.withdrawn_channel == "sms"


def test_a_signed_request_without_the_fields_of_a_text_is_a_bad_request(
    app: Flask, client: FlaskClient
) -> None:
    phone = Phone(app, client)
    params = phone.params("hi")
    params["MessageSid"] = "not-a-sid"
    assert phone.post(params).status_code == 400


def test_with_the_database_down_a_crisis_text_is_still_answered(tmp_path) -> None:
    from tests.conftest import make_test_app

    broken = make_test_app(f"sqlite:///{tmp_path / 'missing-directory' / 'familyhelp.db'}", tmp_path)
    texts = Phone(broken, broken.test_client()).text("he has a knife and says he will kill me")
    assert "999" in texts[0] and any("0151 606 2008" in text for text in texts)
    # Anything else gets the front door's numbers, in the family's language: Twilio does not
    # retry a 500, so failing would be silence (#15.10).
    phone = Phone(broken, broken.test_client())
    answer = phone.post(
        phone.params("Potrzebuję pomocy, nie mamy pieniędzy na czynsz i boję się, że stracimy mieszkanie")
    )
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    assert "0151 606 2008" in text and "999" in text and "Sorry" not in text
