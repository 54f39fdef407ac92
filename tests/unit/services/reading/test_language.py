"""The assistant answers in the reader's language, or in the one they write in."""

import pytest

from portal.services.reading.language import reply_language


@pytest.mark.parametrize(
    ("message", "chosen", "expected"),
    [
        ("ok", "pl", "pl"),  # too short to be sure: the reader's choice stands
        ("hi", "ro", "ro"),
        ("my son won't go to school any more", "pl", "en"),
        ("mój syn nie chce chodzić do szkoły", "en", "pl"),
        ("copilul meu nu vrea sa mearga la scoala", "en", "ro"),
        ("مرحبا", "en", "ar"),
        ("你好", "en", "zh"),
        ("привіт", "en", "uk"),
        ("hello", "xx", "en"),
    ],
)
def test_reply_language(message: str, chosen: str, expected: str) -> None:
    assert reply_language(message, chosen) == expected
