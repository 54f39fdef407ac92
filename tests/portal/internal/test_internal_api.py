"""The internal API the action server calls: only with the service token."""

from __future__ import annotations

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
    slots = post(client, app, "need", body).json["slots"]
    assert slots == {"needs": ["housing"], "worry_words": "landlord gave us a section 21"}


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
