"""Requests a hostile or broken client sends get a plain 4xx, never a 500 (#15.18)."""

from __future__ import annotations

import json
import time

import pytest
from flask.testing import FlaskClient

from portal.services.search.signposts import to_base36


def test_every_short_link_code_answers_without_a_server_error(client: FlaskClient) -> None:
    """Ids of contacts and site records have no page: they were 500s, now 404s."""
    for number in range(1, 400):
        code = to_base36(number)
        for spelling in (code, code.upper(), "0" + code):
            response = client.get(f"/s/{spelling}")
            assert response.status_code in (302, 404), (spelling, response.status_code)


@pytest.mark.parametrize("lang", [["en"], {"code": "en"}, 7, None, True])
def test_chat_lang_of_the_wrong_type_is_refused_plainly(client: FlaskClient, lang: object) -> None:
    body = {"session": "s" * 20, "message": "hello", "lang": lang}
    response = client.post("/api/chat", json=body)
    assert response.status_code == 400
    assert "lang must be one of" in response.get_json()["error"]


def test_json_nested_thousands_deep_is_bad_json_not_a_crash(client: FlaskClient) -> None:
    deep = "[" * 10_000 + "]" * 10_000  # 20 kB: under every size limit, far over the parser's depth
    for path in ("/api/chat", "/internal/chat/need", "/internal/referrals"):
        response = client.post(path, data=deep, content_type="application/json")
        assert response.status_code in (400, 401, 403), (path, response.status_code)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/chat", "application/json"),
        ("/sms/twilio", "application/x-www-form-urlencoded"),
        ("/chat", "application/x-www-form-urlencoded"),
        ("/feedback", "application/x-www-form-urlencoded"),
        ("/withdraw", "application/x-www-form-urlencoded"),
        ("/frontdoor/sign-in", "application/x-www-form-urlencoded"),
    ],
)
def test_a_ten_megabyte_body_is_refused_before_it_is_read(
    client: FlaskClient, path: str, content_type: str
) -> None:
    body = b"a=" + b"x" * (10 * 1024 * 1024)
    started = time.perf_counter()
    response = client.post(path, data=body, content_type=content_type)
    assert response.status_code == 413
    assert time.perf_counter() - started < 1.0
    if path.startswith("/api/"):
        assert json.loads(response.data)["error"] == "the request is too large"
    else:
        assert "too much to send" in response.get_data(as_text=True)


def test_an_ordinary_chat_message_of_the_largest_size_still_fits(client: FlaskClient) -> None:
    """The limit must not refuse what a family may send: 2,000 characters of Arabic, escaped."""
    body = json.dumps({"session": "s" * 20, "message": "ب" * 2000, "lang": "ar"})
    response = client.post("/api/chat", data=body, content_type="application/json")
    assert response.status_code != 413


def test_a_nul_character_is_never_a_crash(client: FlaskClient) -> None:
    """PostgreSQL refuses NUL in any text: found by the fuzz test as 500s on /guides/%00 and on
    sign-in. A NUL in an address is a 404; in a query or form value it becomes a space; a chat
    message keeps it and is answered like any other."""
    assert client.get("/guides/\x00").status_code == 404
    assert client.get("/search", query_string={"q": "rent\x00"}).status_code == 200
    chat = client.post("/api/chat", json={"session": "s" * 20, "message": "hi\x00", "lang": "en"})
    assert chat.status_code == 200 and chat.json["replies"]
    assert client.post("/withdraw", data={"reference": "EH\x00", "check": "x"}).status_code == 400


def test_a_short_link_past_the_largest_id_is_not_found(client: FlaskClient) -> None:
    """Found by the fuzz test on PostgreSQL: /s/1000000 is a number larger than any id column."""
    assert client.get("/s/1000000").status_code == 404
    assert client.get("/s/zzzzzzzzzzzz").status_code == 404
