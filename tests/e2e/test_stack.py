"""The portal with the real Rasa server and action server running."""

import socket
from collections.abc import Iterator

import pytest
import requests
from flask import Flask
from flask_migrate import upgrade

from portal.services.content.loader import load_content
from portal.services.search.build import rebuild_search_index
from tests.conftest import make_test_app, new_database
from tests.support.stack import BotStack, machine_address

pytestmark = pytest.mark.e2e


@pytest.fixture()
def stack_app(bot_stack: BotStack, tmp_path) -> Iterator[Flask]:
    """The portal pointed at the running bot, on its own SQLite database (the
    database checks run on PostgreSQL elsewhere; Rasa is started once)."""
    with new_database("sqlite", tmp_path) as url:
        stack_app = make_test_app(
            url,
            tmp_path,
            RASA_URL=bot_stack.rasa_url,
            RASA_TOKEN=bot_stack.token,
            ACTION_SERVER_URL=bot_stack.action_url,
            HEALTH_CHECK_TIMEOUT=2.0,
        )
        with stack_app.app_context():
            upgrade()
            load_content(stack_app.config["CONTENT_DIR"])
            rebuild_search_index(stack_app.config["SEARCH_INDEX_DIR"])
        yield stack_app


def test_rasa_api_needs_the_token(bot_stack: BotStack) -> None:
    assert requests.get(f"{bot_stack.rasa_url}/status", timeout=5).status_code in (401, 403)
    assert requests.get(f"{bot_stack.rasa_url}/status", params={"token": "wrong"}, timeout=5).status_code in (
        401,
        403,
    )


@pytest.mark.parametrize("which", ["rasa", "actions"])
def test_bot_servers_are_not_reachable_from_outside(bot_stack: BotStack, which: str) -> None:
    address = machine_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to try from")
    port = int((bot_stack.rasa_url if which == "rasa" else bot_stack.action_url).rsplit(":", 1)[1])
    with socket.socket() as sock, pytest.raises(OSError):
        sock.settimeout(2)
        sock.connect((address, port))


def test_rasa_answers_a_greeting_from_the_portal_only(bot_stack: BotStack) -> None:
    """Rasa's message webhooks take the portal's token (#15.14); anyone else is refused."""
    message = {"sender": "e2e-greeting", "message": "hello"}
    for channel in ("portal", "sms"):
        refused = requests.post(f"{bot_stack.rasa_url}/webhooks/{channel}/webhook", json=message, timeout=10)
        assert refused.status_code == 401, channel
    assert (
        requests.post(f"{bot_stack.rasa_url}/webhooks/rest/webhook", json=message, timeout=10).status_code
        == 404
    )
    response = requests.post(
        f"{bot_stack.rasa_url}/webhooks/portal/webhook",
        json=message,
        headers={"Authorization": f"Bearer {bot_stack.token}"},
        timeout=10,
    )
    assert response.ok
    assert "999" in " ".join(reply.get("text", "") for reply in response.json())


def test_healthz_all_up_then_rasa_killed_and_pages_still_work(stack_app: Flask, bot_stack: BotStack) -> None:
    client = stack_app.test_client()
    report = client.get("/healthz").get_json()
    assert report["status"] == "ok", report
    assert {name: c["status"] for name, c in report["components"].items()} == {
        "database": "up",
        "rasa": "up",
        "action_server": "up",
        "search_index": "up",
        "referral_handover": "up",
    }

    bot_stack.stop_rasa()
    try:
        response = client.get("/healthz")
        assert response.status_code == 200
        report = response.get_json()
        assert report["status"] == "degraded"
        assert report["components"]["rasa"]["status"] == "down"
        assert report["components"]["action_server"]["status"] == "up"
        for path in ("/", "/help-now", "/ar/", "/pl/help-now"):
            assert client.get(path).status_code == 200, path
    finally:
        bot_stack.start_rasa()  # later tests talk to Rasa too
