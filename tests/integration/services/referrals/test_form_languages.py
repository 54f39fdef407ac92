"""Every question of the referral form, and the consent wording, in all six languages."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.i18n import LANGUAGES
from portal.services.referrals import form as referral_form
from portal.services.referrals.consent import wording

ANSWERS = {
    "about": "children",
    "ages": ["5-11"],
    "names": ["Ola"],
    "words": "…",
    "_suggested": ["money"],
    "needs": ["money"],
    "contact_method": "text",
    "contact_detail": "07700 900123",
    "contact_times": "evenings",
    "safe_to_message": True,
    "interpreter": "pl",
    "area": "East Wirral",
    "consent_front_door": True,
    "consent_partners": False,
}
STEPS = [*referral_form.steps_for(ANSWERS), "check"]


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_no_question_falls_back_to_english(app: Flask, lang: str) -> None:
    with app.test_request_context():
        for step in STEPS:
            english = referral_form.question(step, ANSWERS, "en")
            theirs = referral_form.question(step, ANSWERS, lang)
            assert theirs.text != english.text, f"{lang}: {step} is in English"
            assert "%(" not in theirs.text
            titles = {button["payload"]: button["title"] for button in theirs.buttons}
            # Every English choice is offered (the interpreter question adds "in my language").
            assert {b["payload"] for b in english.buttons} <= set(titles)
            for button in english.buttons:
                if not button["payload"].startswith(f"{referral_form.PREFIX}area:"):  # area names are names
                    assert titles[button["payload"]] != button["title"], f"{lang}: {step} {button['title']!r}"


def test_consent_wording_exists_in_every_language_and_each_has_its_own_version(app: Flask) -> None:
    with app.app_context():
        versions = set()
        for lang in LANGUAGES:
            shown = wording(lang)
            assert shown is not None, f"no consent wording in {lang}"
            assert shown.front_door and shown.partners and shown.own
            versions.add(shown.version)
        assert len(versions) == len(LANGUAGES)
