"""The referral form is built from its table of steps: what a family sees comes from the
entries, so every entry is summarised in every language, and a question added to the table
is asked, read, hinted, summarised and changeable with no other change."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.i18n import LANGUAGES
from portal.services.referrals import form, steps
from portal.services.referrals.questions import Prompt
from portal.services.referrals.steps import STEPS, NotUnderstood, Step
from tests.support.family import Family

ANSWERS: dict[str, Any] = {
    "about": "children",
    "ages": ["5-11"],
    "names": ["Ola"],
    "words": "We need help.",
    "needs": ["money"],
    "contact_method": "text",
    "contact_detail": "+447700900123",
    "contact_times": "evenings",
    "safe_to_message": True,
    "interpreter": "pl",
    "area": "East Wirral",
    "consent_front_door": True,
    "consent_partners": False,
}


def _lines(reply: form.FormReply) -> dict[str, str]:
    """ "• Label: value" lines of "check your answers", label to value."""
    found = [
        line.removeprefix("• ").split(": ", 1) for line in reply.text.splitlines() if line.startswith("• ")
    ]
    return {label: value for label, value in found}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_answer_is_on_check_your_answers_in_every_language(app: Flask, lang: str) -> None:
    for about in ("children", "self"):
        answers = {**ANSWERS, "about": about, "own_age": 15}
        with app.test_request_context():
            english = _lines(form.check_answers(answers, "en"))
            reply = form.check_answers(answers, lang)
        theirs = _lines(reply)
        assert len(theirs) == len(english) == len(form.steps_for(answers))
        if lang != "en":
            assert not set(theirs) & set(english), f"{lang}: a label is in English"
        changes = [b["payload"] for b in reply.buttons if b["payload"].startswith(form.CHANGE)]
        asked = [step.key for step in steps.applicable(answers) if step.changeable]
        assert changes == [f"{form.CHANGE}{key}" for key in asked]


def _read_pets(text: str, answers: dict[str, Any]) -> str:
    if not text.strip():
        raise NotUnderstood
    return text.strip()[:40]


PETS = Step(
    "pets",
    ask=lambda answers, lang, channel: Prompt("Do you have any pets?", [("none", "No pets")]),
    read=_read_pets,
    hint=lambda answers: "Please tell us about your pets, or choose No pets.",
    label="Pets",
    show=lambda value, lang: value or "Not given",
    skippable=True,
)


@pytest.fixture()
def with_pets(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pets question, asked after the family's own words."""
    at = [step.key for step in STEPS].index("words") + 1
    monkeypatch.setattr(steps, "STEPS", (*STEPS[:at], PETS, *STEPS[at:]))


def _up_to_pets(family: Family) -> str:
    family.say("/ref:start")
    family.press("My child or children")
    family.say("she is 4")
    family.press("Skip this question")
    return family.say("We are behind on the rent.")


def _from_pets_to_check(family: Family) -> str:
    family.press("Housing")
    family.press("Done")
    family.say("text me")
    family.say("07700 900 123")
    family.say("after school")
    family.say("yes")
    family.say("no")
    family.say("no thanks")
    family.press("Yes, I agree")
    return family.press("No")


@pytest.mark.usefixtures("with_pets")
def test_a_question_added_to_the_table_is_asked_in_its_place_and_summarised(client: FlaskClient) -> None:
    family = Family(client)
    assert "Do you have any pets?" in _up_to_pets(family)
    assert {"No pets", "Skip this question", "Stop and delete my answers"} <= set(family.buttons)
    # Another question's button is not an answer to this one: the hint, and the question again.
    hinted = family.say("/ref:about:self")
    assert "Please tell us about your pets" in hinted and "Do you have any pets?" in hinted
    assert "What is it about?" in family.say("a cat called Tom")
    check = _from_pets_to_check(family)
    assert "• Pets: a cat called Tom" in check
    # Changing it asks it again, then goes straight back to the check.
    assert "Do you have any pets?" in family.press("Change: Pets")
    assert "• Pets: none" in family.press("No pets")


@pytest.mark.usefixtures("with_pets")
def test_a_question_added_to_the_table_can_be_skipped_when_its_entry_says_so(client: FlaskClient) -> None:
    family = Family(client)
    _up_to_pets(family)
    assert "What is it about?" in family.say("skip")
    assert "• Pets: Not given" in _from_pets_to_check(family)
