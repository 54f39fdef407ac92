"""Generated input at every public endpoint: never a 5xx, never the input echoed unescaped (#15).

Hypothesis writes the input (text of every script, control characters, markup, huge and empty
values, JSON of any shape); 10,000+ requests in all across the endpoints below. The examples are
derandomised so a failure is reproducible; the bodies sent are kept under the size limits so
the code behind them is reached, not only the 413.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

MARKUP = re.compile(r"<[a-zA-Z/!]")
PER_ENDPOINT = 700  # 15 endpoints (the chat API twice per example): over 10,000 requests

# Text as hostile clients send it: any script, controls, markup, quotes, long runs.
hostile = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "{{7*7}}",
            "' OR 1=1 --",
            "../../etc/passwd",
            "\x00\x01\x1b[31m",
            "%00%0d%0a",
            "𝕿𝖊𝖘𝖙" * 50,
            "",
        ]
    ),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile, children, max_size=4),
    max_leaves=12,
)

SETTINGS = settings(
    max_examples=PER_ENDPOINT,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _token(client: FlaskClient) -> str:
    page = client.get("/withdraw").get_data(as_text=True)
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def _check(response: Any, sent: list[str]) -> None:
    assert response.status_code < 500, (response.status_code, sent)
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        for value in sent:
            if len(value) >= 4 and MARKUP.search(value):
                assert value not in body, f"echoed unescaped: {value!r}"


@pytest.fixture()
def fuzz_client(app: Flask) -> FlaskClient:
    app.config["RATELIMIT_ENABLED"] = False
    return app.test_client()


GET_PAGES: list[tuple[str, Callable[[str], dict[str, str]]]] = [
    ("/search", lambda v: {"q": v, "need": v, "age": v}),
    ("/api/search", lambda v: {"q": v, "lang": v, "kind": v}),
    ("/api/content", lambda v: {"kind": v, "lang": v}),
    ("/services", lambda v: {"need": v, "age": v, "area": v, "cost": v, "access": v}),
    ("/chat", lambda v: {"x": v}),
]


@pytest.mark.parametrize(("path", "params"), GET_PAGES, ids=[path for path, _ in GET_PAGES])
def test_pages_with_any_query(fuzz_client: FlaskClient, path: str, params: Callable[[str], dict]) -> None:
    @SETTINGS
    @given(value=hostile)
    def run(value: str) -> None:
        _check(fuzz_client.get(path, query_string=params(value)), [value])

    run()


def test_any_path_segment(fuzz_client: FlaskClient) -> None:
    @SETTINGS
    @given(
        value=hostile,
        prefix=st.sampled_from(
            [
                "/s/",
                "/guides/",
                "/needs/",
                "/ages/",
                "/services/",
                "/childhood-offer/",
                "/pl/guides/",
                "/ar/s/",
            ]
        ),
    )
    def run(value: str, prefix: str) -> None:
        safe = value.replace("/", "").replace("?", "").replace("#", "")
        _check(fuzz_client.get(prefix + safe), [value])

    run()


def test_the_chat_api_with_any_json(fuzz_client: FlaskClient) -> None:
    @SETTINGS
    @given(body=json_values, session=st.one_of(hostile, st.just("s" * 24)), message=hostile)
    def run(body: Any, session: str, message: str) -> None:
        _check(fuzz_client.post("/api/chat", data=json.dumps(body), content_type="application/json"), [])
        shaped = {"session": session, "message": message, "lang": body if not isinstance(body, str) else "en"}
        _check(fuzz_client.post("/api/chat", json=shaped), [message])

    run()


FORMS: list[tuple[str, Callable[[str], dict[str, str]]]] = [
    ("/chat", lambda v: {"message": v, "panel": v}),
    ("/chat/continue", lambda v: {"code": v}),
    ("/feedback", lambda v: {"kind": v, "slug": v, "helpful": v, "comment": v}),
    ("/withdraw", lambda v: {"reference": v, "check": v}),
    ("/childhood-offer/my-child", lambda v: {"day": v, "month": v, "year": v}),
    ("/frontdoor/sign-in", lambda v: {"email": v, "password": v}),
]


@pytest.mark.parametrize(("path", "fields"), FORMS, ids=[path for path, _ in FORMS])
def test_forms_with_any_fields(fuzz_client: FlaskClient, path: str, fields: Callable[[str], dict]) -> None:
    token = _token(fuzz_client)

    @SETTINGS
    @given(value=hostile)
    def run(value: str) -> None:
        _check(fuzz_client.post(path, data={"csrf_token": token, **fields(value)}), [value])

    run()


def test_signed_texts_with_any_body(app: Flask, fuzz_client: FlaskClient) -> None:
    url = "http://localhost/sms/twilio"
    validator = RequestValidator(app.config["TWILIO_AUTH_TOKEN"])

    @SETTINGS
    @given(body=hostile, sender=st.one_of(hostile, st.just("+447700900111")))
    def run(body: str, sender: str) -> None:
        params = {"MessageSid": "SM" + "a" * 32, "From": sender, "To": "+447700900000", "Body": body}
        params["MessageSid"] = "SM" + format(abs(hash((body, sender))) % 16**32, "032x")
        signature = validator.compute_signature(url, params)
        response = fuzz_client.post("/sms/twilio", data=params, headers={"X-Twilio-Signature": signature})
        assert response.status_code < 500, (body, sender)

    run()
