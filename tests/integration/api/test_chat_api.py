"""/api/chat when the request is wrong, and when the assistant is down.

(With Rasa running: tests/e2e/test_chat.py.) The test app's Rasa address is a
port nothing listens on, so these show what a family meets during an outage.
"""

from __future__ import annotations

import secrets

from flask import Flask
from flask.testing import FlaskClient

from portal.data.models import ChatConversation, SafeguardingEvent
from portal.extensions import db


def chat(client: FlaskClient, message: object, lang: str = "en", session: object = None):
    session = session if session is not None else secrets.token_urlsafe(18)
    return client.post("/api/chat", json={"session": session, "message": message, "lang": lang})


def test_bad_requests_get_a_clear_answer(client: FlaskClient) -> None:
    assert client.post("/api/chat", data="message=hi").status_code == 415
    assert client.post("/api/chat", json=["hi"]).status_code == 400
    assert "lang" in chat(client, "hi", lang="xx").json["error"]
    assert "session" in chat(client, "hi", session="short").json["error"]
    assert "session" in chat(client, "hi", session="../../etc/passwd/aaaaaaaaaaaa").json["error"]
    assert "message" in chat(client, "   ").json["error"]
    assert "message" in chat(client, {"text": "hi"}).json["error"]
    assert "2000" in chat(client, "a" * 2001).json["error"]


def test_assistant_down_gives_the_front_door_number(client: FlaskClient) -> None:
    response = chat(client, "we can't pay the rent")
    assert response.status_code == 200
    assert response.json["assistant_available"] is False
    text = response.json["replies"][0]["text"]
    assert "0151 606 2008" in text and "999" in text


def test_assistant_down_in_polish_is_in_polish(client: FlaskClient) -> None:
    replies = chat(client, "nie mamy pieniędzy na jedzenie", lang="pl").json["replies"]
    text = " ".join(reply["text"] for reply in replies)
    assert "0151 606 2008" in text and "Sorry" not in text


def test_danger_is_answered_even_when_the_assistant_is_down(app: Flask, client: FlaskClient) -> None:
    session = secrets.token_urlsafe(18)
    response = chat(client, "my baby is not breathing", session=session)
    body = response.json
    text = " ".join(reply["text"] for reply in body["replies"])
    assert body["escalated"] is True
    assert "999" in text and "0151 606 2008" in text and "0151 677 6557" in text
    with app.app_context():
        events = (
            db.session.execute(db.select(SafeguardingEvent).order_by(SafeguardingEvent.id.desc()))
            .scalars()
            .first()
        )
        assert events is not None and events.kind == "medical_emergency" and events.source == "pattern"
        conversation = db.session.get(ChatConversation, events.conversation_id)
        assert conversation is not None and session not in conversation.key  # only a hash is kept


def test_the_chat_page_without_the_assistant_still_offers_a_person(client: FlaskClient) -> None:
    page = client.get("/chat")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "not working at the moment" in html and "0151 606 2008" in html
    assert page.headers["Cache-Control"] == "no-store"


def test_an_empty_message_on_the_chat_page_is_explained(client: FlaskClient) -> None:
    page = client.get("/chat").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/chat", data={"csrf_token": token, "message": "  "})
    assert response.status_code == 400
    assert "Type a message" in response.get_data(as_text=True)


def test_the_chat_form_needs_its_csrf_token(client: FlaskClient) -> None:
    assert client.post("/chat", data={"message": "hello"}).status_code == 400


def test_a_typed_answer_becomes_the_buttons_payload() -> None:
    from portal.data.models import ChatConversation
    from portal.services.conversation.gateway import as_payload, awaited_answer

    asked_age = [
        {"text": "How old?", "buttons": [{"title": "5 to 11", "payload": '/inform_age{"age_band":"5-11"}'}]}
    ]
    assert awaited_answer(asked_age) == "age_band"
    assert (
        awaited_answer([{"text": "Did that help?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}])
        is None
    )
    conversation = ChatConversation(key="k", channel="web", lang="en", awaiting="age_band")
    assert as_payload(conversation, "she's 7") == '/inform_age{"age_band":"5-11"}'
    assert as_payload(conversation, "孩子七岁") == '/inform_age{"age_band":"5-11"}'
    assert as_payload(conversation, "what do you mean") is None
    conversation.awaiting = "area"
    assert as_payload(conversation, "we live in the north") == '/inform_area{"area":"North Wirral"}'
    conversation.awaiting = None
    assert as_payload(conversation, "she's 7") is None


def test_a_database_fault_does_not_stop_the_safety_reply(app: Flask, client: FlaskClient) -> None:
    """With the conversation table gone (a database fault), danger is still answered."""
    with app.app_context():
        db.session.execute(db.text("ALTER TABLE chat_conversation RENAME TO chat_conversation_away"))
        db.session.commit()
    try:
        body = chat(client, "my baby is not breathing").json
        assert body["escalated"] is True and "999" in body["replies"][0]["text"]
        assert chat(client, "we cant pay the rent").json["assistant_available"] is False
    finally:
        with app.app_context():
            db.session.execute(db.text("ALTER TABLE chat_conversation_away RENAME TO chat_conversation"))
            db.session.commit()


def test_with_the_whole_database_down_danger_is_still_answered_with_every_number(tmp_path) -> None:
    """No database at all (its file cannot even be created): the safety reply still gives
    999, the helplines and the council's numbers, read from contacts.yaml."""
    from tests.conftest import make_test_app

    broken = make_test_app(f"sqlite:///{tmp_path / 'missing-directory' / 'familyhelp.db'}", tmp_path)
    body = chat(broken.test_client(), "my baby is not breathing").json
    text = " ".join(reply["text"] for reply in body["replies"])
    assert body["escalated"] is True
    assert "999" in text and "0151 606 2008" in text and "0151 677 6557" in text
    # And a family who is not in danger is still given the front door's number.
    other = chat(broken.test_client(), "we cant pay the rent").json
    assert "0151 606 2008" in other["replies"][0]["text"]


def test_api_errors_are_json(empty_app: Flask) -> None:
    empty_app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error handler answers

    @empty_app.get("/api/test-boom")
    def boom() -> str:
        raise RuntimeError("boom")

    response = empty_app.test_client().get("/api/test-boom")
    assert response.status_code == 500 and "999" in response.json["error"]
