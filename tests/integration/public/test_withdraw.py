"""A family withdrawing their referral with its reference and the contact they gave."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store, referral_store
from portal.data.models import Notification, ReferralAuditEvent, ReferralEntry
from portal.extensions import db
from tests.conftest import make_test_app
from tests.support.referrals import make_referral


def token_from(client: FlaskClient, url: str = "/withdraw") -> str:
    page = client.get(url).get_data(as_text=True)
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def withdraw(client: FlaskClient, reference: str, check: str, url: str = "/withdraw"):
    return client.post(
        url, data={"csrf_token": token_from(client, url), "reference": reference, "check": check}
    )


def test_the_page_a_family_meets(client: FlaskClient, get_page) -> None:
    page = get_page("/withdraw")
    assert page.h1 == "Withdraw your request for early help"
    assert page.title.startswith("Withdraw your request")
    assert page.lang == "en"


def test_a_wrong_check_changes_nothing_and_says_so_plainly(app: Flask, client: FlaskClient) -> None:
    reference = make_referral(app)
    response = withdraw(client, reference, "07700 900999")
    assert response.status_code == 400
    assert "could not find a request with that reference and those details" in response.get_data(as_text=True)
    # The same answer for a reference that does not exist: nothing to learn by guessing.
    unknown = withdraw(client, "EH-AAA-AAA", "07700 900456").get_data(as_text=True)
    assert "could not find a request with that reference and those details" in unknown
    assert "Enter your reference" in withdraw(client, "", "").get_data(as_text=True)
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None and referral.redacted_at is None and referral.status == "new"


def test_withdrawing_redacts_records_and_tells_the_front_door(
    app: Flask, database_url: str, tmp_path: Path
) -> None:
    """(`app` first: it builds the shared database this second app uses.)"""
    app = make_test_app(
        database_url, tmp_path, FRONT_DOOR_EMAIL="frontdoor@example.org", SMTP_HOST="127.0.0.1"
    )
    client = app.test_client()
    reference = make_referral(app, children=[{"age_band": "3-4", "name": "Lena"}], area="CH41 5LH")
    # Written differently from the form's "07700 900456", and the reference in lower case without dashes.
    response = withdraw(client, reference.lower().replace("-", " "), "+44 7700 900456")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Your request has been withdrawn" in text and reference in text
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        assert referral.status == "withdrawn" and referral.redacted_reason == "withdrawn"
        assert referral.own_words == "" and referral.contact == {"method": "phone"}
        assert referral.children == [{"age_band": "3-4"}] and referral.area is None
        assert referral.needs == ["money"]  # what the council counts is kept
        consent = referral_store.consent_for(referral)
        assert consent is not None and consent.withdrawn_at is not None and consent.withdrawn_channel == "web"
        entries = db.session.execute(db.select(ReferralEntry).filter_by(referral_id=referral.id)).scalars()
        assert [entry.kind for entry in entries] == ["withdrawn"]
        audit = db.session.execute(db.select(ReferralAuditEvent).filter_by(referral_id=referral.id)).scalars()
        assert "withdrawn" in [event.action for event in audit]
        events = db.session.execute(db.select(Notification).filter_by(referral_id=referral.id)).scalars()
        assert sorted(n.event for n in events) == ["new", "withdrawn"]
    # Twice is harmless (a double click, or the link used again)...
    again = withdraw(client, reference, "07700 900456")
    assert again.status_code == 200 and "Your request has been withdrawn" in again.get_data(as_text=True)
    # ...but without the right check it says no more than for a reference that never existed (#15.9).
    guessed = withdraw(client, reference, "anything")
    never = withdraw(client, "EH-ACD-479", "anything")
    assert guessed.status_code == never.status_code == 400
    assert "We could not find a request" in guessed.get_data(as_text=True)


def test_the_form_needs_its_csrf_token(app: Flask, client: FlaskClient) -> None:
    reference = make_referral(app)
    response = client.post("/withdraw", data={"reference": reference, "check": "07700 900456"})
    assert response.status_code == 400
    with app.app_context():
        assert referral_store.by_reference(reference).redacted_at is None  # type: ignore[union-attr]


def test_a_flagged_referral_is_withdrawn_but_kept_for_the_front_door(app: Flask, client: FlaskClient) -> None:
    """The council's duty to act on a risk to a child outlives the family's withdrawal (#15.9)."""
    reference = make_referral(app, flagged=True)
    response = withdraw(client, reference, "07700 900456")
    assert response.status_code == 200
    assert "the front door keeps what you told us" in response.get_data(as_text=True)
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None and referral.status == "withdrawn" and referral.redacted_at is None
        assert referral.own_words  # kept for the front door's decision
        consent = referral_store.consent_for(referral)
        assert consent is not None and consent.withdrawn_at is not None
        entries = db.session.execute(db.select(ReferralEntry).filter_by(referral_id=referral.id)).scalars()
        assert any("safeguarding concern" in entry.text for entry in entries)


def test_a_referral_only_the_unsure_classifier_flagged_is_emptied_as_usual(
    app: Flask, client: FlaskClient
) -> None:
    """A line of helpline numbers after an unsure call is not a disclosure: the family's wish stands."""
    reference = make_referral(app, flagged=True)
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        conversation = chat_store.conversation_by_key(referral.conversation_key or "")
        assert conversation is not None
        for event in chat_store.safeguarding_events(conversation):
            event.source = "unsure"
        db.session.commit()
    response = withdraw(client, reference, "07700 900456")
    assert "We have removed your details" in response.get_data(as_text=True)
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None and referral.own_words == "" and referral.redacted_reason == "withdrawn"
