"""Handing over a referral: only with consent, once, all or nothing."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store, referral_store
from portal.services.referrals.consent import wording


def payload(app: Flask, **changes: Any) -> dict[str, Any]:
    with app.app_context():
        version = wording("en").version  # type: ignore[union-attr]
    body: dict[str, Any] = {
        "submission_key": secrets.token_urlsafe(16),
        "lang": "en",
        "channel": "web",
        "needs": ["housing", "money"],
        "children": [{"age_band": "5-11"}, {"age_band": "0-2", "name": "Amy"}],
        "own_words": "We have been given notice and I don't know where we'll go.",
        "contact": {"method": "text", "phone": "07700 900123", "times": "after 3pm", "safe_to_message": True},
        "area": "East Wirral",
        "consent": {"wording_version": version, "share_with_front_door": True, "share_with_partners": False},
    }
    body.update(changes)
    return body


def post(client: FlaskClient, app: Flask, body: dict[str, Any]):
    headers = {"Authorization": f"Bearer {app.config['SERVICE_TOKEN']}"}
    return client.post("/internal/referrals", json=body, headers=headers)


def stored(app: Flask) -> int:
    with app.app_context():
        return referral_store.count()


def test_a_consented_referral_gets_a_reference_and_its_consent_record(
    app: Flask, client: FlaskClient
) -> None:
    response = post(client, app, payload(app))
    assert response.status_code == 201
    assert response.json["reference"].startswith("EH-") and response.json["respond_within_hours"] == 24
    with app.app_context():
        referral = referral_store.by_reference(response.json["reference"])
        assert referral is not None and referral.status == "new" and referral.needs == ["housing", "money"]
        consent = referral_store.consent_for(referral)
        assert consent is not None and consent.share_with_front_door and not consent.share_with_partners
        assert consent.wording_version == wording("en").version  # type: ignore[union-attr]


def test_a_retry_or_double_click_makes_one_referral(app: Flask, client: FlaskClient) -> None:
    body = payload(app)
    before = stored(app)
    first, second = post(client, app, body), post(client, app, body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json["reference"] == second.json["reference"] and second.json["created"] is False
    assert stored(app) == before + 1


def test_no_consent_stores_nothing(app: Flask, client: FlaskClient) -> None:
    before = stored(app)
    for consent in ({"share_with_front_door": False, "share_with_partners": True}, {}, None):
        response = post(client, app, payload(app, consent=consent))
        assert response.status_code == 422 and response.json["stored"] is False
    assert stored(app) == before


def test_outdated_wording_or_bad_fields_are_refused_with_reasons(app: Flask, client: FlaskClient) -> None:
    before = stored(app)
    stale = payload(app)
    stale["consent"]["wording_version"] = "0123456789abcdef"
    assert "wording" in " ".join(post(client, app, stale).json["errors"])
    bad = payload(app, needs=["everything"], contact={"method": "pigeon"}, submission_key="short")
    errors = " ".join(post(client, app, bad).json["errors"])
    assert "needs" in errors and "contact.method" in errors and "submission_key" in errors
    assert stored(app) == before


def test_a_referral_from_an_escalated_conversation_is_flagged(app: Flask, client: FlaskClient) -> None:
    session_id = secrets.token_urlsafe(18)
    with app.app_context():
        conversation = chat_store.start_conversation(session_id, "web")
        chat_store.record_safeguarding(conversation, "physical_abuse", "pattern", "en")
    response = post(client, app, payload(app, conversation=session_id))
    with app.app_context():
        referral = referral_store.by_reference(response.json["reference"])
        assert referral is not None and referral.safeguarding_flag is True
        assert referral.conversation_key == chat_store.conversation_key(session_id)


def test_only_the_action_server_may_submit(client: FlaskClient) -> None:
    assert client.post("/internal/referrals", json={}).status_code == 401


def test_the_caller_is_told_each_problem_once_in_words(app: Flask, client: FlaskClient) -> None:
    before = stored(app)
    bad = payload(app, needs=["everything", "astrology"], contact="call me", interpreter_lang="Polish")
    response = post(client, app, bad)
    assert response.status_code == 422 and response.json["stored"] is False
    assert response.json["errors"] == [
        "needs must be a list of need keys",
        "contact.method must be one of: phone, text, email",
        "interpreter_lang must be a language code",
    ]
    assert stored(app) == before
