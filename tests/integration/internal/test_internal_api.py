"""The internal API the action server calls: only with the service token."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient


def post(client: FlaskClient, app: Flask, path: str, body: dict, token: str | None = None):
    headers = {"Authorization": f"Bearer {token if token is not None else app.config['SERVICE_TOKEN']}"}
    return client.post(f"/internal/chat/{path}", json=body, headers=headers)


def test_refused_without_the_service_token(app: Flask, client: FlaskClient) -> None:
    assert client.post("/internal/chat/need", json={}).status_code == 401
    assert post(client, app, "need", {}, token="wrong").status_code == 401
    assert post(client, app, "need", {}, token="").status_code == 401


def test_need_keeps_the_words_for_searching(app: Flask, client: FlaskClient) -> None:
    body = {
        "text": "landlord gave us a section 21",
        "intent_ranking": [{"name": "need_housing", "confidence": 0.9}],
    }
    answer = post(client, app, "need", body).json
    assert answer["slots"] == {"needs": ["housing"], "worry_words": "landlord gave us a section 21"}


def test_signposts_are_real_pages_in_the_readers_language(app: Flask, client: FlaskClient) -> None:
    body = {
        "needs": ["money", "housing"],
        "age_band": "5-11",
        "area": "East Wirral",
        "worry_words": "no money for food",
        "lang": "pl",
    }
    text = post(client, app, "signpost", body).json["messages"][0]["text"]
    links = [line.rsplit(": ", 1)[1].split(" ")[0] for line in text.splitlines() if line.startswith("•")]
    assert 2 <= len(links) <= 3
    for link in links:
        path = link.split("://", 1)[1].split("/", 1)[1]
        assert path.startswith("pl/")
        assert client.get("/" + path).status_code == 200


@pytest.mark.parametrize(
    ("text", "lang", "age_band", "area"),
    [
        ("my 13 year old won't go to school, we live in Birkenhead", "en", "12-16", "East Wirral"),
        ("moja 7-letnia córka nie śpi, mieszkamy w Wallasey", "pl", "5-11", "North Wirral"),
        ("ابني عمره تسع سنين ونحن في بيركنهيد", "ar", "5-11", "East Wirral"),
        (
            "احنا مطرودين من البيت وما عنا وين نروح، عندي ولدين عمرهم ٤ و ٩، ساكنين بيركنهيد",
            "ar",
            "3-4",
            "East Wirral",
        ),
        ("синові дванадцять років, живемо в Гесвол", "uk", "12-16", "South Wirral"),
        ("fiul meu de 10 ani nu mai merge la scoala, stam in West Kirby", "ro", "5-11", "West Wirral"),
        ("我儿子十三岁，不想上学，住在CH46", "zh", "12-16", "North Wirral"),
    ],
)
def test_an_age_and_a_town_in_the_message_are_kept_not_asked_again(
    app: Flask, client: FlaskClient, text: str, lang: str, age_band: str, area: str
) -> None:
    body = {"text": text, "lang": lang, "intent_ranking": [{"name": "need_education", "confidence": 0.9}]}
    slots = post(client, app, "need", body).json["slots"]
    assert slots["age_band"] == age_band
    assert slots["area"] == area


def test_counts_of_children_and_money_are_not_ages(app: Flask, client: FlaskClient) -> None:
    body = {"text": "we have 2 kids and the rent is 300 a week", "intent_ranking": []}
    slots = post(client, app, "need", body).json["slots"]
    assert "age_band" not in slots and "area" not in slots


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("my partner hits me", "need_domestic_abuse", "55"),
        ("he hit me last night", "need_domestic_abuse", "not your fault"),
        ("my boyfriend threatens to hurt the children", "need_domestic_abuse", "0808 2000 247"),
        ("my daughter has been self harming", "need_mental_health", "116 123"),
        ("I'm at the end of my tether with the baby crying", "need_early_years", "step away"),
    ],
)
def test_a_disclosure_is_answered_before_any_question(
    app: Flask, client: FlaskClient, text: str, intent: str, expected: str
) -> None:
    body = {"text": text, "lang": "en", "intent_ranking": [{"name": intent, "confidence": 0.9}]}
    messages = post(client, app, "need", body).json["messages"]
    assert messages and expected in " ".join(m["text"] for m in messages)


def test_an_ordinary_need_has_no_safety_lines_first(app: Flask, client: FlaskClient) -> None:
    body = {
        "text": "my son won't go to school",
        "intent_ranking": [{"name": "need_education", "confidence": 0.9}],
    }
    assert post(client, app, "need", body).json["messages"] == []
