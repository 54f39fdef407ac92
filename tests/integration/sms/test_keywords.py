"""Control words by text come from the keywords table: a word added to it for another
language works the same as the English one, with no change to how texts are answered."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.services.sms import keywords
from portal.services.sms.keywords import KEYWORDS, Keyword, Meaning
from tests.support.phone import Phone


@pytest.fixture()
def in_polish(monkeypatch: pytest.MonkeyPatch) -> None:
    polish = (
        Keyword(Meaning.HELP, "pl", frozenset({"pomoc"})),
        Keyword(Meaning.STOP, "pl", frozenset({"koniec"})),
    )
    monkeypatch.setattr(keywords, "KEYWORDS", (*KEYWORDS, *polish))


@pytest.mark.usefixtures("in_polish")
def test_a_help_word_added_for_another_language_gets_the_help_text(app: Flask, client: FlaskClient) -> None:
    # Answered in the word's language (tests/integration/sms/test_keywords_languages.py).
    help_text = Phone(app, client).says("Pomoc")
    assert help_text.startswith("Family Help: napisz") and "999" in help_text


@pytest.mark.usefixtures("in_polish")
def test_a_stop_word_added_for_another_language_stops_the_texts(app: Flask, client: FlaskClient) -> None:
    phone = Phone(app, client)
    assert phone.text("koniec") == []
    assert phone.text("HELP") == []  # opted out: nothing more is sent
    assert "texts again" in phone.says("start")
