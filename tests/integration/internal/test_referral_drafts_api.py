"""The action server sends a finished referral form by its key: once, and only what was agreed."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store, draft_store, referral_store
from portal.data.models import ConsentRecord
from portal.extensions import db
from tests.support.family import Family, fill_in_up_to_consent


def finished_form(client: FlaskClient) -> Family:
    family = Family(client)
    fill_in_up_to_consent(family)
    family.press("Yes, I agree")
    family.press("Yes, I agree")
    return family


def send(client: FlaskClient, app: Flask, key: str, token: str | None = None):
    token = app.config["SERVICE_TOKEN"] if token is None else token
    return client.post(
        f"/internal/referral-drafts/{key}/submit", headers={"Authorization": f"Bearer {token}"}
    )


def the_draft(app: Flask, family: Family):
    with app.app_context():
        return draft_store.for_conversation(chat_store.conversation_key(family.session))


def test_a_sent_form_becomes_one_referral_with_its_consent_record(app: Flask, client: FlaskClient) -> None:
    family = finished_form(client)
    draft = the_draft(app, family)
    assert draft is not None and draft.step == "check"
    # Not yet sent by the family: the action server cannot send it for them.
    assert send(client, app, draft.submission_key).status_code == 404
    with app.app_context():
        draft_store.mark_submitted(draft_store.by_submission_key(draft.submission_key))
    first = send(client, app, draft.submission_key)
    again = send(client, app, draft.submission_key)
    assert first.status_code == 201 and again.status_code == 200
    reference = first.json["reference"]
    assert again.json["reference"] == reference
    assert reference in first.json["message"] and "24 hours" in first.json["message"]
    assert "/en/withdraw" in first.json["message"]
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        assert referral.contact == {
            "method": "text",
            "phone": "+447700900123",  # typed "07700 900 123"
            "email": "",
            "times": "after school pick up",
            "safe_to_message": False,
        }
        assert referral.needs == ["housing"] and referral.area == "CH41 5LH" and referral.channel == "web"
        assert [child["age_band"] for child in referral.children] == ["3-4", "5-11"]
        assert "landlord" in referral.own_words and referral.for_self is False
        consent = db.session.execute(db.select(ConsentRecord).filter_by(referral_id=referral.id)).scalar_one()
        assert consent.share_with_front_door is True and consent.share_with_partners is True
        assert consent.wording_version == draft.answers["_wording_version"]
        # The time they said yes, not the time it was sent.
        given = consent.created_at.replace(tzinfo=None).isoformat()
        assert given == draft.answers["_consent_at"].split("+")[0]
        # The answers now live in the referral only.
        assert draft_store.by_submission_key(draft.submission_key).answers == {}
    # On the family's next message they are told (once) that it arrived.
    assert f"has now reached the Early Help front door. Your reference is {reference}" in family.say("hello?")
    assert reference not in family.say("hello again")
    # Asking again in the same conversation does not start a second referral.
    assert f"already been sent. Your reference is {reference}" in family.say("/ref:start")


def test_only_the_action_server_may_send(app: Flask, client: FlaskClient) -> None:
    assert send(client, app, "x" * 32, token="wrong").status_code in (401, 403)
    assert send(client, app, "no-such-key-0000000000000000").status_code == 404
