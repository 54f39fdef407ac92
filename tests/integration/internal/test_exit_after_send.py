"""Exit this page (or EXIT by text) just after Send must not lose the referral (#15.5)."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store, draft_store
from portal.data.models import ReferralDraft, utcnow
from portal.extensions import db
from portal.services.conversation import transcript
from portal.services.referrals import handover
from tests.support.family import Family, fill_in_up_to_consent


def _sent_form(app: Flask, client: FlaskClient) -> tuple[Family, str]:
    family = Family(client)
    fill_in_up_to_consent(family)
    family.press("Yes, I agree")
    family.press("Yes, I agree")
    with app.app_context():
        draft = draft_store.for_conversation(chat_store.conversation_key(family.session))
        assert draft is not None
        draft_store.mark_submitted(draft)  # Send: handed to the action server's outbox
        return family, draft.submission_key


def test_exit_just_after_send_keeps_the_referral_for_the_outbox(app: Flask, client: FlaskClient) -> None:
    family, key = _sent_form(app, client)
    with app.app_context():
        transcript.forget_referral_draft(family.session)  # what "Exit this page" does
    answer = client.post(
        f"/internal/referral-drafts/{key}/submit",
        headers={"Authorization": f"Bearer {app.config['SERVICE_TOKEN']}"},
    )
    assert answer.status_code == 201  # the outbox's retry still finds it: nothing lost
    assert answer.json["reference"].startswith("EH-")


def test_exit_before_send_still_forgets_the_answers(app: Flask, client: FlaskClient) -> None:
    family = Family(client)
    fill_in_up_to_consent(family)
    with app.app_context():
        transcript.forget_referral_draft(family.session)
        assert draft_store.for_conversation(chat_store.conversation_key(family.session)) is None


def test_a_sent_referral_that_never_arrives_raises_the_alarm(app: Flask, client: FlaskClient) -> None:
    _family, key = _sent_form(app, client)
    with app.app_context():
        assert handover.stuck_count() == 0  # just sent: the outbox has time
        draft = db.session.execute(db.select(ReferralDraft).filter_by(submission_key=key)).scalar_one()
        draft.submitted_at = utcnow() - timedelta(minutes=30)
        db.session.commit()
        assert handover.stuck_count() >= 1
    health = client.get("/healthz").json["components"]["referral_handover"]
    assert health["status"] == "stuck" and health["waiting"] >= 1
    result = app.test_cli_runner().invoke(args=["notifications", "status"])
    assert result.exit_code == 1, result.exception
    assert "have not arrived from the assistant" in result.output
    with app.app_context():  # tidy: deliver it, so later tests see no stuck hand-over
        client.post(
            f"/internal/referral-drafts/{key}/submit",
            headers={"Authorization": f"Bearer {app.config['SERVICE_TOKEN']}"},
        )


def test_a_refused_hand_over_is_counted_for_operators(app: Flask, client: FlaskClient) -> None:
    """The outbox keeps a refused key as refused and never offers it again (#15.1): operators
    hear of it on /healthz and from `flask notifications status`."""
    answer = client.post(
        "/internal/referral-drafts/key-that-was-never-a-draft/submit",
        headers={"Authorization": f"Bearer {app.config['SERVICE_TOKEN']}"},
    )
    assert answer.status_code == 404
    health = client.get("/healthz").json["components"]["referral_handover"]
    assert health["refused_last_day"] == 1 and health["status"] == "up"
    result = app.test_cli_runner().invoke(args=["notifications", "status"])
    assert "Refused hand-overs in the last day: 1" in result.output
