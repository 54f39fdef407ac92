"""The referral form in the assistant, as a family meets it through /api/chat.

The test app's Rasa address is a port nothing listens on: the form is the
portal's own, so every question works without Rasa; only sending needs the
assistant and its action server (tests/e2e/test_referral.py has those).
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store
from portal.data.models import ConsentRecord, Referral, ReferralDraft
from portal.extensions import db
from tests.support.family import Family, fill_in_up_to_consent


def drafts(app: Flask, family: Family) -> list[ReferralDraft]:
    """This family's draft (the test database is shared by the module's tests)."""
    with app.app_context():
        key = chat_store.conversation_key(family.session)
        return list(db.session.execute(db.select(ReferralDraft).filter_by(conversation_key=key)).scalars())


def counts(app: Flask) -> tuple[int, int]:
    """All referrals and consent records (compared before and after: the database is shared)."""
    with app.app_context():
        referrals = db.session.execute(db.select(db.func.count()).select_from(Referral)).scalar_one()
        consents = db.session.execute(db.select(db.func.count()).select_from(ConsentRecord)).scalar_one()
        return referrals, consents


def test_a_family_answers_one_question_at_a_time_and_checks_their_answers(
    app: Flask, client: FlaskClient
) -> None:
    before = counts(app)
    family = Family(client)
    fill_in_up_to_consent(family)
    assert "may need to involve another service" in family.press("Yes, I agree")
    check = family.press("No")
    assert "Please check your answers" in check
    assert "Primary school age (5 to 11)" in check and "Young children (3 to 4)" in check
    # Typed "07700 900 123", kept in E.164, shown nationally.
    assert "07700 900123" in check and "after school pick up" in check and "CH41 5LH" in check
    assert "What it is about: Housing" in check
    # Change one answer: only that question is asked again, then back to the check.
    assert "good time" in family.press("Change: Good times")
    check = family.press("Evenings")
    assert "Please check your answers" in check and "evenings" in check
    # Nothing is a referral yet: that needs "Send" (tests/e2e) and consent.
    assert counts(app) == before


def test_saying_no_to_sharing_keeps_nothing(app: Flask, client: FlaskClient) -> None:
    before = counts(app)
    family = Family(client)
    fill_in_up_to_consent(family)
    answer = family.press("No")
    assert "Nothing you told me for the request has been kept" in answer and "0151 606 2008" in answer
    assert drafts(app, family) == [] and counts(app) == before


def test_stop_deletes_the_answers(app: Flask, client: FlaskClient) -> None:
    family = Family(client)
    family.say("/ref:start")
    family.press("My child or children")
    assert drafts(app, family)
    assert "deleted your answers" in family.say("cancel")
    assert drafts(app, family) == []


def test_a_young_person_is_asked_for_their_own_consent(app: Flask, client: FlaskClient) -> None:
    family = Family(client)
    family.say("/ref:start")
    assert "How old are you?" in family.press("Myself (I'm a young person)")
    assert "own words" in family.say("im 15")
    family.say("Things at home are really hard and I can't talk to my mum")
    family.press("Feelings and mental health")
    family.press("Done")
    family.press("Email")
    assert "doesn't look like an email" in family.say("sam at gmail")
    family.say("sam.young@example.org")
    family.press("Any time")
    family.press("Yes, it's safe")
    family.press("No, thank you")
    consent = family.press("Skip this question")
    assert "ask for help for yourself" in consent
    family.press("Yes, I agree")
    check = family.press("No")
    assert "Myself" in check and "15" in check and "sam.young@example.org" in check


def test_a_child_under_13_is_pointed_to_an_adult_and_childline(app: Flask, client: FlaskClient) -> None:
    family = Family(client)
    family.say("/ref:start")
    family.press("Myself (I'm a young person)")
    answer = family.say("11")
    assert "0800 1111" in answer and "under 13" in answer
    assert drafts(app, family) == []


def test_the_form_speaks_polish_and_reads_polish_answers(app: Flask, client: FlaskClient) -> None:
    family = Family(client, lang="pl")
    family.say("/ref:start")
    question = family.last["replies"][-1]["text"]
    assert "Who would you like help for?" not in question
    family.say("moje dzieci")
    ages = family.last["replies"][-1]["text"]
    assert "How old" not in ages
    family.say("ma 7 lat")
    assert drafts(app, family)[0].answers["ages"] == ["5-11"]


def test_danger_in_the_middle_of_the_form_is_answered_first(app: Flask, client: FlaskClient) -> None:
    family = Family(client)
    family.say("/ref:start")
    family.press("My child or children")
    family.say("3")
    family.press("Skip this question")
    answer = family.say("my partner has a knife and says he will kill me")
    assert family.last["escalated"] is True
    assert answer.index("999") < answer.index("carry on")
    # Their words are kept for the front door, and the form goes on.
    assert "knife" in drafts(app, family)[0].answers["words"]


def test_send_without_the_assistant_keeps_the_answers_and_says_so(app: Flask, client: FlaskClient) -> None:
    before = counts(app)
    family = Family(client)
    fill_in_up_to_consent(family)
    family.press("Yes, I agree")
    family.press("No")
    answer = family.press("Send my request")
    assert "couldn't send your request just now" in answer and "Please check your answers" in answer
    assert counts(app) == before
    (draft,) = drafts(app, family)
    assert (
        draft.submitted_at is None
        and draft.step == "check"
        and draft.answers["contact_detail"] == "+447700900123"
    )


def test_exit_forgets_a_half_finished_form(app: Flask, client: FlaskClient) -> None:
    page = client.get("/chat").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/chat", data={"csrf_token": token, "message": "/ref:start"})
    with client.session_transaction() as cookie:
        family = Family(client)
        family.session = cookie["chat_id"]
    page = client.get("/chat").get_data(as_text=True)
    assert "Who would you like help for?" in page  # the page without JavaScript shows the form too
    client.post("/chat", data={"csrf_token": token, "message": "/ref:about:children"})
    client.post("/chat", data={"csrf_token": token, "message": "twelvish"})
    page = client.get("/chat").get_data(as_text=True)
    assert "Please write their ages as numbers" in page
    assert drafts(app, family)
    client.get("/chat/exit")
    assert drafts(app, family) == []
