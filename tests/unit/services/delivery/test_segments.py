"""Segment counting and SMS layout, checked against the GSM 03.38 and UCS-2 rules."""

from __future__ import annotations

import pytest

from portal.services.delivery import segments as sms_format


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters cost two
        ("[" + "a" * 159, "GSM-7", 161, 2),
        ("Ośrodek pomocy", "UCS-2", 14, 1),  # Polish letters outside GSM-7
        ("ś" * 70, "UCS-2", 70, 1),
        ("ś" * 71, "UCS-2", 71, 2),
        ("ś" * 134, "UCS-2", 134, 2),
        ("ś" * 135, "UCS-2", 135, 3),
        ("مرحبا" * 14, "UCS-2", 70, 1),  # Arabic
        ("مرحبا" * 15, "UCS-2", 75, 2),
        ("你好" * 35, "UCS-2", 70, 1),  # Chinese
        ("😀" * 35, "UCS-2", 70, 1),  # outside the BMP: two UTF-16 units each
        ("😀" * 36, "UCS-2", 72, 2),
        ("", "GSM-7", 0, 0),
    ],
)
def test_segments(text: str, encoding: str, units: int, segments: int) -> None:
    assert sms_format.cost(text) == sms_format.SmsCost(encoding, units, segments)


def test_polish_and_romanian_go_without_diacritics_only_when_that_reaches_gsm() -> None:
    assert (
        sms_format.plain("Zadzwoń do punktu kontaktowego, proszę.", "pl")
        == "Zadzwon do punktu kontaktowego, prosze."
    )
    assert sms_format.plain("Mulțumim. Sunați la 999 – acum.", "ro") == "Multumim. Sunati la 999 - acum."
    assert sms_format.plain("Łódź", "pl") == "Lodz"
    assert sms_format.plain("Дякуємо", "uk") == "Дякуємо"  # Cyrillic stays as it is
    assert sms_format.plain("It’s “fine”", "en") == 'It\'s "fine"'


def test_choices_are_numbered() -> None:
    assert sms_format.with_choices("Did that help?", ["Yes", "No"]) == "Did that help?\n1 Yes\n2 No"


def test_long_replies_split_between_words_into_texts_of_at_most_two_segments() -> None:
    words = " ".join(f"word{n}" for n in range(120))
    parts = sms_format.split(words)
    assert len(parts) > 1 and " ".join(parts) == words
    assert all(sms_format.cost(part).segments <= 2 for part in parts)
    arabic = " ".join(["مساعدة"] * 60)
    parts = sms_format.split(arabic)
    assert all(sms_format.cost(part).segments <= 2 for part in parts) and " ".join(parts) == arabic
