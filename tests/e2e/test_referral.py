"""A consented referral end to end: /api/chat -> portal -> real Rasa -> real action
server -> the portal's internal API -> the front-door queue; and the ways it must not go
wrong (no consent, a double submit, the portal down while sending, withdrawal)."""

from __future__ import annotations

import re
import threading

import pytest
import requests
from flask import Flask

from portal.data import chat_store, draft_store, referral_store
from portal.data.models import ConsentRecord, Notification, Referral, ReferralAuditEvent, ReferralDraft
from portal.extensions import db
from portal.services.delivery import notifications
from tests.support.family import LiveFamily
from tests.support.ports import free_port
from tests.support.referrals import REFERENCE
from tests.support.smtp import SmtpServer
from tests.support.stack import BotStack, LivePortal, OutboxEntry, Served
from tests.support.staff import csrf, new_account, sign_in
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e


def to_the_check(family: LiveFamily) -> str:
    """A parent asks for a person, says yes to the offer in words, and answers the form."""
    offer = family.say("can I talk to a real person please")
    assert "0151 606 2008" in offer and "contact you" in offer
    assert "Who would you like help for?" in family.say("yes please")  # Rasa's rule opens the portal's form
    family.press("My child or children")
    family.say("he's 14")
    family.say("Josh")
    family.say("My son has stopped going to school and stays in his room all day. I don't know what to do.")
    family.press("Feelings and mental health")
    family.press("School")
    family.press("Done")
    family.press("Phone call")
    family.say("07700 900 321")
    family.press("Evenings")
    family.press("No")
    family.press("No, thank you")
    family.press("South Wirral")
    family.press("Yes, I agree")
    check = family.press("Yes, I agree")
    assert "Please check your answers" in check
    return check


def referrals_for(app: Flask, family: LiveFamily) -> list[Referral]:
    with app.app_context():
        key = chat_store.conversation_key(family.session)
        return list(db.session.execute(db.select(Referral).filter_by(conversation_key=key)).scalars())


def test_a_conversation_becomes_a_consented_referral_that_the_front_door_decides(
    live_portal: LivePortal,
) -> None:
    family = LiveFamily(live_portal.url)
    to_the_check(family)
    sent = family.press("Send my request")
    reference = REFERENCE.search(sent)
    assert reference and "24 hours" in sent and "/withdraw" in sent, sent
    app = live_portal.app
    (referral,) = referrals_for(app, family)
    assert referral.reference == reference.group(0)
    assert referral.needs == ["mental_health", "education"] and referral.area == "South Wirral"
    assert referral.children == [{"age_band": "12-16", "name": "Josh"}]
    # Stored in E.164 whatever way it was typed; shown to workers as they would dial it.
    assert referral.contact["phone"] == "+447700900321" and referral.contact["safe_to_message"] is False
    with app.app_context():
        consent = db.session.execute(db.select(ConsentRecord).filter_by(referral_id=referral.id)).scalar_one()
        assert consent.share_with_front_door and consent.share_with_partners and consent.channel == "web"
        assert draft_store.for_conversation(chat_store.conversation_key(family.session)) is None

    # The front door: the queue shows it, a manager decides, and it is all audited.
    account = new_account(app, "manager", "Morgan")
    staff = app.test_client()
    assert sign_in(staff, account).status_code == 303
    assert referral.reference in staff.get("/frontdoor/").get_data(as_text=True)
    page = staff.get(f"/frontdoor/referrals/{referral.reference}").get_data(as_text=True)
    assert "stays in his room all day" in page and "07700 900321" in page
    token = csrf(staff, f"/frontdoor/referrals/{referral.reference}")
    decided = staff.post(
        f"/frontdoor/referrals/{referral.reference}",
        data={
            "csrf_token": token,
            "action": "decide",
            "decision": "early_help",
            "reason": "Needs a family plan",
        },
    )
    assert decided.status_code == 303
    with app.app_context():
        stored = referral_store.by_reference(referral.reference)
        assert stored is not None and stored.status == "decided" and stored.decision == "early_help"
        actions = db.session.execute(
            db.select(ReferralAuditEvent.action).filter_by(referral_id=referral.id, user_id=account.id)
        ).scalars()
        assert {"viewed", "decision"} <= set(actions)


def test_refusing_consent_stores_nothing(live_portal: LivePortal) -> None:
    family = LiveFamily(live_portal.url)
    assert "contact you" in family.say("I want to make a referral")  # request_referral: the offer
    assert "Who would you like help for?" in family.say("yes")
    family.press("My child or children")
    family.say("7")
    family.press("Skip this question")
    family.say("We keep arguing and the kids hear everything")
    family.press("Family relationships")
    family.press("Done")
    family.press("Text message")
    family.say("07700 900 654")
    family.press("Any time")
    family.press("Yes, it's safe")
    family.press("No, thank you")
    family.press("Skip this question")
    answer = family.press("No")
    assert "Nothing you told me for the request has been kept" in answer
    app = live_portal.app
    assert referrals_for(app, family) == []
    with app.app_context():
        key = chat_store.conversation_key(family.session)
        assert db.session.execute(db.select(ReferralDraft).filter_by(conversation_key=key)).first() is None
        everything = " ".join(str(r.contact) for r in db.session.execute(db.select(Referral)).scalars())
        assert "900654" not in everything.replace(" ", "")  # in any format


def test_a_double_submit_makes_one_referral(live_portal: LivePortal) -> None:
    family = LiveFamily(live_portal.url)
    to_the_check(family)
    send = next(
        b["payload"]
        for r in family.last["replies"]
        for b in r.get("buttons", [])
        if b["title"] == "Send my request"
    )
    answers: list[str] = []

    def click() -> None:
        response = requests.post(
            f"{family.url}/api/chat",
            json={"session": family.session, "message": send, "lang": "en"},
            timeout=30,
        )
        answers.append(" ".join(reply["text"] for reply in response.json()["replies"]))

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()
    assert len(referrals_for(live_portal.app, family)) == 1
    assert any(REFERENCE.search(answer) for answer in answers)
    assert "already been sent" in family.say(send) or REFERENCE.search(family.last["replies"][0]["text"])
    assert len(referrals_for(live_portal.app, family)) == 1


def submission_key(app: Flask, family: LiveFamily) -> str:
    """The key the action server sends the family's form by (and keeps in its outbox)."""
    with app.app_context():
        draft = draft_store.for_conversation(chat_store.conversation_key(family.session))
        assert draft is not None, "the family has no referral form"
        return draft.submission_key


def failed_tries(stack: BotStack, key: str) -> int:
    entry = stack.outbox_entry(key)
    return entry.attempts if entry else 0


def delivered(stack: BotStack, key: str) -> OutboxEntry | None:
    entry = stack.outbox_entry(key)
    return entry if entry and entry.delivered else None


def test_with_the_portal_down_while_sending_the_referral_arrives_once_after_it_restarts(
    live_portal: LivePortal, bot_stack: BotStack
) -> None:
    """The action server's portal (the internal API) is stopped; the family talks to
    another instance of the portal on the same database, as behind a load balancer."""
    assert live_portal.served is not None
    gateway = Served(live_portal.app, free_port())
    gateway.start()
    try:
        family = LiveFamily(gateway.url)
        to_the_check(family)
        key = submission_key(live_portal.app, family)
        live_portal.served.stop()
        try:
            answer = family.press("Send my request")
            assert "saved" in answer and "don't need to send it again" in answer, answer
            # The outbox retries every second: two failed tries prove it kept trying
            # while the portal was down, and that those tries made nothing.
            wait_until(lambda: failed_tries(bot_stack, key) >= 2, timeout=15, what="two failed tries")
            assert referrals_for(live_portal.app, family) == []
        finally:
            live_portal.served.start()
        wait_until(lambda: referrals_for(live_portal.app, family), timeout=20, what="the referral")
        # Once the outbox marks the key delivered it never offers it again, so any second
        # referral from its retries would exist by now.
        entry = wait_until(lambda: delivered(bot_stack, key), timeout=10, what="the outbox to mark it sent")
        assert entry.refused is None
        (referral,) = referrals_for(live_portal.app, family)
        news = family.say("hello, did it go?")
        assert f"Your reference is {referral.reference}" in news
    finally:
        gateway.stop()


def test_withdrawal_redacts_the_referral_and_tells_the_front_door(
    live_portal: LivePortal, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = live_portal.app
    monkeypatch.setitem(app.config, "FRONT_DOOR_EMAIL", "frontdoor@council.example")
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", smtp.port)
    monkeypatch.setitem(app.config, "MAIL_FROM", "familyhelp@council.example")
    family = LiveFamily(live_portal.url)
    to_the_check(family)
    reference = REFERENCE.search(family.press("Send my request"))
    assert reference
    browser = requests.Session()
    form = browser.get(f"{live_portal.url}/withdraw", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token
    done = browser.post(
        f"{live_portal.url}/withdraw",
        data={"csrf_token": token.group(1), "reference": reference.group(0), "check": "07700900321"},
        timeout=10,
    )
    assert done.status_code == 200 and "Your request has been withdrawn" in done.text
    with app.app_context():
        referral = referral_store.by_reference(reference.group(0))
        assert referral is not None and referral.status == "withdrawn"
        assert referral.own_words == "" and "phone" not in referral.contact
        assert referral.children == [{"age_band": "12-16"}]
        events = db.session.execute(db.select(Notification.event).filter_by(referral_id=referral.id))
        assert sorted(events.scalars()) == ["new", "withdrawn"]
        notifications.deliver_pending()
    subjects = [message["Subject"] for message in smtp.inbox.messages]
    assert any(reference.group(0) in subject and "withdrawn" in subject.lower() for subject in subjects)
    bodies = " ".join(str(message) for message in smtp.inbox.messages)
    assert "stays in his room" not in bodies and "900321" not in bodies.replace(" ", "")
