"""The words a texting family can send to control the service, read from one table."""

from __future__ import annotations

import re

import pytest

from portal.services.sms import keywords
from portal.services.sms.keywords import KEYWORDS, Keyword, Meaning, meaning_of, pattern_for, words_for


def test_no_word_means_two_things_in_any_language() -> None:
    """A STOP must stop whatever language the conversation was last in, so words are global."""
    seen: dict[str, Meaning] = {}
    for keyword in KEYWORDS:
        for word in keyword.words:
            assert seen.setdefault(word, keyword.meaning) is keyword.meaning, word


def test_every_meaning_has_english_words_written_as_they_are_read() -> None:
    for meaning in Meaning:
        english = [k for k in KEYWORDS if k.meaning is meaning and k.lang == "en"]
        assert english and all(k.words for k in english), meaning
    for keyword in KEYWORDS:
        assert all(word == word.lower().strip(" .!") and word for word in keyword.words)


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("STOP", Meaning.STOP),
        ("Stop.", Meaning.STOP),
        ("unsubscribe", Meaning.STOP),
        (" Help! ", Meaning.HELP),
        ("INFO", Meaning.HELP),
        ("Exit", Meaning.EXIT),
        ("web", Meaning.WEB),
        ("unstop", Meaning.START),
        ("help me please", None),  # their own words, for the assistant
        ("stop hitting him", None),
        ("", None),
    ],
)
def test_a_whole_text_is_a_control_word_in_any_case(text: str, meaning: Meaning | None) -> None:
    assert meaning_of(text) is meaning


def test_a_language_added_to_the_table_is_understood(monkeypatch: pytest.MonkeyPatch) -> None:
    polish = Keyword(Meaning.HELP, "pl", frozenset({"pomoc"}))
    monkeypatch.setattr(keywords, "KEYWORDS", (*KEYWORDS, polish))
    assert meaning_of("POMOC") is Meaning.HELP
    assert words_for(Meaning.HELP) >= {"help", "pomoc"}


def test_words_before_a_code_or_reference_make_a_pattern_that_matches_only_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keywords, "KEYWORDS", (*KEYWORDS, Keyword(Meaning.CODE, "xx", frozenset({"c.d"}))))
    pattern = re.compile(rf"^(?:{pattern_for(Meaning.CODE)})$")
    assert pattern.match("code") and pattern.match("c.d")
    assert not pattern.match("cxd")  # a word is matched as written, not as a regular expression
