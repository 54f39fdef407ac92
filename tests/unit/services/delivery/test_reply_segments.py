"""The assistant's replies written for SMS (channel "sms" in bot/domain/responses.yml):
one in every language wherever there is one, and each fits in at most two segments
as the portal sends it (numbered choices, plain characters, the council's numbers filled in)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.i18n import LANGUAGES
from portal.services.delivery import segments as sms_format

RESPONSES = Path(__file__).resolve().parents[4] / "bot" / "domain" / "responses.yml"
SLOTS = {
    "front_door_phone": "0151 606 2008",
    "front_door_hours": "Mon-Fri 9am-5pm",
    "out_of_hours_phone": "0151 677 6557",
}


def sms_variants() -> dict[str, list[dict[str, Any]]]:
    responses = yaml.safe_load(RESPONSES.read_text(encoding="utf-8"))["responses"]
    return {
        name: [v for v in variants if v.get("channel") == "sms"]
        for name, variants in responses.items()
        if any(v.get("channel") == "sms" for v in variants)
    }


def language_of(variant: dict[str, Any]) -> str | None:
    for condition in variant.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return None


def test_there_are_sms_replies() -> None:
    assert len(sms_variants()) >= 8


@pytest.mark.parametrize("name", sorted(sms_variants()))
def test_an_sms_reply_exists_in_every_language(name: str) -> None:
    """A channel-specific reply beats a language-specific one in Rasa: an SMS reply missing
    in one language would send that family English."""
    languages = [language_of(variant) for variant in sms_variants()[name]]
    assert sorted(languages, key=str) == sorted(LANGUAGES), name


@pytest.mark.parametrize("name", sorted(sms_variants()))
def test_each_sms_reply_fits_two_segments(name: str) -> None:
    for variant in sms_variants()[name]:
        lang = language_of(variant) or "en"
        text = str(variant.get("text") or "").format(**SLOTS)
        titles = [str(button["title"]) for button in variant.get("buttons") or []]
        sent = sms_format.plain(sms_format.with_choices(text, titles), lang)
        assert sms_format.cost(sent).segments <= 2, (name, lang, sms_format.cost(sent), sent)
