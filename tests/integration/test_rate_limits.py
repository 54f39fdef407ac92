"""The chat and the public forms slow a client down before it can guess or flood (#15.11)."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

from tests.conftest import make_test_app


def _limited_app(app: Flask, tmp_path: Path) -> Flask:
    return make_test_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, RATELIMIT_ENABLED=True)


def test_continuation_code_guesses_are_slowed_down(app: Flask, tmp_path: Path) -> None:
    client = _limited_app(app, tmp_path).test_client()
    page = client.get("/chat").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    answers = [
        client.post("/chat/continue", data={"csrf_token": token, "code": f"{n:06d}"}).status_code
        for n in range(12)
    ]
    assert 429 in answers and answers.index(429) <= 10  # the code's own limit, or ten a minute
    refused = client.post("/chat/continue", data={"csrf_token": token, "code": "123456"})
    assert "Too many tries" in refused.get_data(as_text=True)
    assert "999" in refused.get_data(as_text=True)


def test_text_codes_are_limited_per_address(app: Flask, tmp_path: Path) -> None:
    client = _limited_app(app, tmp_path).test_client()
    page = client.get("/chat").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    codes = [client.post("/chat/text-code", data={"csrf_token": token}).status_code for _ in range(6)]
    assert codes[:5] == [200] * 5 and codes[5] == 429


def test_one_conversation_cannot_flood_the_assistant_but_another_still_talks(
    app: Flask, tmp_path: Path
) -> None:
    client = _limited_app(app, tmp_path).test_client()
    flooding = secrets.token_urlsafe(18)
    codes = [
        client.post("/api/chat", json={"session": flooding, "message": "hi", "lang": "en"}).status_code
        for _ in range(31)
    ]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    body = {"session": secrets.token_urlsafe(18), "message": "hi", "lang": "en"}
    other = client.post("/api/chat", json=body)
    assert other.status_code == 200  # a family on the same network address is not held up


def test_withdrawal_attempts_are_limited(app: Flask, tmp_path: Path) -> None:
    client = _limited_app(app, tmp_path).test_client()
    page = client.get("/withdraw").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": token, "reference": "EH-AAA-AAA", "check": "07700 900000"}
    codes = [client.post("/withdraw", data=form).status_code for _ in range(6)]
    assert codes[-1] == 429 and 429 not in codes[:5]
