"""Texts the portal starts (a referral's reference, a decision), sent with the real twilio
client to a local stand-in for Twilio's Messages API; only when texting is safe, never
after STOP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from portal.data import referral_store, sms_store
from portal.data.models import Notification, utcnow
from portal.devtools.twilio_standin import TwilioStandIn
from portal.extensions import db
from portal.services.delivery import notifications
from portal.services.frontdoor import staff_auth
from portal.services.frontdoor import work as referral_work
from portal.services.reading.phone import phone_key
from tests.conftest import make_test_app
from tests.support.referrals import make_referral

FAMILY = "+447700900456"  # the number make_referral gives ("07700 900456")


@pytest.fixture()
def texting_app(app: Flask, database_url: str, tmp_path: Path) -> Iterator[tuple[Flask, TwilioStandIn]]:
    """(`app` first: it builds the database this app shares.)"""
    stand_in = TwilioStandIn()
    base = stand_in.start()
    texting = make_test_app(
        database_url,
        tmp_path,
        TWILIO_ACCOUNT_SID="AC" + "1" * 32,
        TWILIO_FROM_NUMBER="+447700900000",
        TWILIO_API_BASE=base,
    )
    yield texting, stand_in
    stand_in.stop()


def safe_to_text(**changes: object) -> dict:
    contact = {"method": "text", "phone": "07700 900456", "times": "", "safe_to_message": True}
    contact.update(changes)
    return {"contact": contact}


def test_the_reference_is_texted_when_texting_is_safe(texting_app: tuple[Flask, TwilioStandIn]) -> None:
    app, stand_in = texting_app
    reference = make_referral(app, **safe_to_text())
    with app.app_context():
        notifications.deliver_pending()
    texts = [text for text in stand_in.sent_to(FAMILY) if reference in text]
    assert len(texts) == 1 and "24 hours" in texts[0]
    assert "Nie mamy" not in texts[0]  # nothing of what they wrote


def test_nothing_is_texted_when_they_said_texts_are_not_safe(
    texting_app: tuple[Flask, TwilioStandIn],
) -> None:
    app, stand_in = texting_app
    reference = make_referral(app, **safe_to_text(safe_to_message=False))
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        rows = db.session.execute(db.select(Notification).filter_by(referral_id=referral.id, channel="sms"))
        assert rows.first() is None
    assert not any(reference in text for text in stand_in.sent_to(FAMILY))


def test_a_decision_is_texted_but_not_to_a_number_that_said_stop(
    texting_app: tuple[Flask, TwilioStandIn],
) -> None:
    app, stand_in = texting_app
    reference = make_referral(app, **safe_to_text())
    with app.app_context():
        manager = staff_auth.create_user("texts-manager@council.example", "Mo", "manager", "x" * 16)
        referral = referral_store.by_reference(reference)
        assert referral is not None
        referral_work.decide(referral, manager, "early_help", "A family plan")
        notifications.deliver_pending()
    assert sum(reference in text for text in stand_in.sent_to(FAMILY)) == 2
    # The family texted STOP: a later decision is not texted.
    second = make_referral(app, **safe_to_text())
    with app.app_context():
        contact = sms_store.contact_or_new(phone_key(FAMILY))
        sms_store.save(contact, opted_out_at=utcnow())
        try:
            notifications.deliver_pending()
        finally:
            sms_store.save(contact, opted_out_at=None)  # the database is shared with later tests
    assert not any(second in text for text in stand_in.sent_to(FAMILY))


def test_the_receipt_says_what_was_agreed_and_how_to_withdraw(
    texting_app: tuple[Flask, TwilioStandIn],
) -> None:
    """#23: on screen, what they agreed to share and with whom; by text (only as it is safe), how
    to take it back; nothing after STOP (the test above)."""
    from portal.services.referrals import messages

    app, stand_in = texting_app
    reference = make_referral(app, **safe_to_text())
    with app.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None
        receipt = messages.sent(referral)
        notifications.deliver_pending()
    assert reference in receipt and "/withdraw" in receipt
    assert "may share it with the services it needs to involve" in receipt  # they agreed to (b)
    (texted,) = [text for text in stand_in.sent_to(FAMILY) if reference in text]
    assert f"WITHDRAW {reference}" in texted and "may share it with the services" in texted
