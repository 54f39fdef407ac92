"""The assistant by text message end to end: signed Twilio webhooks -> portal -> real Rasa
(its SMS channel) -> real action server -> the front-door queue."""

from __future__ import annotations

import re

import pytest

from portal.data import referral_store
from tests.support.phone import LivePhone
from tests.support.referrals import REFERENCE
from tests.support.stack import LivePortal
from tests.support.staff import new_account, sign_in

pytestmark = pytest.mark.e2e


def choice(reply: str, title: str) -> str:
    """The digit that picks the numbered choice whose title starts so."""
    match = re.search(rf"^(\d+) {re.escape(title)}", reply, re.MULTILINE)
    assert match, f"no choice {title!r} in {reply!r}"
    return match.group(1)


def test_a_crisis_text_escalates_on_the_first_message(live_portal: LivePortal) -> None:
    for message in (
        "he's got a knife and says he'll kill us",
        "mój partner mnie bije i grozi że mnie zabije",
    ):
        reply = LivePhone(live_portal).says(message)
        assert "999" in reply, reply


def test_from_hi_to_a_consented_referral_in_the_front_door_queue(live_portal: LivePortal) -> None:
    phone = LivePhone(live_portal)
    welcome = phone.text("hi")
    assert "999" in welcome[0] and "STOP" in " ".join(welcome)
    age = phone.says("we are being evicted and have nowhere to go")
    area = phone.says("she is 7")  # typed: understood by the portal
    signposts = phone.says(choice(area, "East"))
    assert re.search(r"/s/[0-9a-z]+", signposts), signposts  # short links to the portal
    offer = phone.says(choice(signposts, "No"))
    assert "0151 606 2008" in offer
    form = phone.says(choice(offer, "Yes"))
    assert "Who would you like help for?" in form
    phone.says(choice(form, "My child or children"))
    phone.says("7")
    phone.says("skip")
    needs = phone.says("The landlord gave us notice and I can't find anywhere we can afford.")
    method = phone.says(choice(needs, "Yes, that's right"))
    detail = phone.says(choice(method, "Text message"))
    assert "phone number" in detail
    times = phone.says(phone.number.replace("+44", "0"))
    safe = phone.says(choice(times, "Evenings"))
    interpreter = phone.says(choice(safe, "Yes, it's safe"))
    where = phone.says(choice(interpreter, "No, thank you"))
    consent = phone.says("CH41 5LH")
    partners = phone.says(choice(consent, "Yes, I agree"))
    check = phone.says(choice(partners, "Yes, I agree"))
    assert "Please check your answers" in check and age and where
    sent = phone.says(choice(check, "Send my request"))
    reference = REFERENCE.search(sent)
    assert reference, sent
    app = live_portal.app
    with app.app_context():
        referral = referral_store.by_reference(reference.group(0))
        assert referral is not None and referral.channel == "sms" and referral.needs == ["housing"]
        assert referral.contact["method"] == "text" and referral.contact["safe_to_message"] is True
    staff = app.test_client()
    assert sign_in(staff, new_account(app, "manager", "Morgan")).status_code == 303
    assert reference.group(0) in staff.get("/frontdoor/").get_data(as_text=True)
