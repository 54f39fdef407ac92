"""The safety reply for each kind of harm: 999 first, then the help that fits, then the council."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.services.safeguarding import KINDS, writer
from portal.services.safeguarding.reply import safety_messages

# The number (or address) each kind's reply must give, from content/site/contacts.yaml.
FITTING_HELP = {
    "medical_emergency": "ambulance",
    "suicide_self_harm": "116 123",
    "danger_now": "55",
    "domestic_abuse": "0808 2000 247",
    "missing_child": "116 000",
    "physical_abuse": "0808 800 5000",
    "sexual_abuse": "0808 800 5000",
    "neglect": "0808 800 5000",
    "parent_may_harm": "step away",
    "sexual_exploitation": "ceop.police.uk",
    "criminal_exploitation": "101",
    "trafficking": "08000 121 700",
    "fgm": "0800 028 3550",
    "forced_marriage": "020 7008 0151",
}


def test_every_kind_has_its_own_help() -> None:
    assert set(FITTING_HELP) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_gets_999_first_its_help_and_the_councils_numbers(app: Flask, kind: str) -> None:
    with app.test_request_context():
        lines = safety_messages([kind], "en")
    assert "999" in lines[0]
    text = " ".join(lines)
    assert FITTING_HELP[kind] in text
    assert "0151 606 2008" in text and "0151 677 6557" in text


@pytest.mark.parametrize("kind", ["sexual_abuse", "physical_abuse", "sexual_exploitation", "fgm"])
def test_a_child_is_answered_as_a_child(app: Flask, kind: str) -> None:
    with app.test_request_context():
        lines = safety_messages([kind], "en", for_child=True)
    assert "Childline" in lines[1] and "0800 1111" in lines[1] and "not your fault" in lines[1]
    assert "NSPCC helpline" not in " ".join(lines)  # the adults' line is not for a child


@pytest.mark.parametrize("lang", ["pl", "ar", "uk", "ro", "zh"])
def test_the_reply_is_in_the_readers_language(app: Flask, lang: str) -> None:
    with app.test_request_context():
        english = safety_messages(["fgm", "forced_marriage"], "en")
        translated = safety_messages(["fgm", "forced_marriage"], lang)
    assert len(translated) == len(english)
    assert all(a != b for a, b in zip(english[:-1], translated[:-1], strict=True))
    assert "0800 028 3550" in " ".join(translated)


@pytest.mark.parametrize(
    "message",
    [
        "im 13 and my stepdad hits me",
        "my mums boyfriend comes in my room at night",
        "mam 12 lat i tata mnie bije",
        "عمري ١٢ وابوي يضربني",
        "мені 11 і вітчим мене б'є",
        "am 14 ani si tatal meu vitreg ma bate",
        "我13岁，我后爸打我",
        "i'm fourteen and scared to go home",
    ],
)
def test_a_child_writing_is_recognised(message: str) -> None:
    assert writer.is_child(message)


@pytest.mark.parametrize(
    "message",
    ["my son is 13 and he's being bullied", "I am 35 and scared of my partner", "my 4 year old hit me"],
)
def test_a_parent_writing_about_a_child_is_not_taken_for_a_child(message: str) -> None:
    assert not writer.is_child(message)
