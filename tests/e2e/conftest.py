"""Start the real Rasa server and action server, as `make run` does."""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator

import pytest
import requests

from tests.conftest import make_test_app, new_database
from tests.support.ports import free_port
from tests.support.stack import BOT, MODEL, OUTBOX_FILE, BotStack, LivePortal, Served, stop, wait_for_start


@pytest.fixture(scope="session")
def bot_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotStack]:
    assert MODEL.exists(), f"{MODEL} is missing: run `make model` (make test does)"
    token = secrets.token_hex(16)
    rasa_port, action_port, portal_port = free_port(), free_port(), free_port()
    # The portal the actions call is started by the `live_portal` fixture on this port.
    portal_url, service_token = f"http://127.0.0.1:{portal_port}", secrets.token_hex(16)
    logs = tmp_path_factory.mktemp("bot-logs")
    env = {
        **os.environ,
        "SANIC_HOST": "127.0.0.1",
        "PYTHONWARNINGS": "ignore",
        "PORTAL_URL": portal_url,
        "SERVICE_TOKEN": service_token,
        # The referral outbox: its own file, and a quick retry so a test need not wait long.
        "ACTION_OUTBOX_PATH": str(logs / OUTBOX_FILE),
        "OUTBOX_RETRY_SECONDS": "1",
    }
    actions = subprocess.Popen(
        [str(BOT / ".venv/bin/python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        cwd=BOT,
        env=env,
        start_new_session=True,
        stdout=(logs / "actions.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    stack = BotStack(
        f"http://127.0.0.1:{rasa_port}",
        f"http://127.0.0.1:{action_port}",
        token,
        actions,
        logs,
        portal_url=portal_url,
        service_token=service_token,
        action_env=env,
    )
    try:
        wait_for_start(
            lambda: requests.get(f"{stack.action_url}/health", timeout=1).ok, 60, "action server", actions
        )
        stack.start_rasa()
        yield stack
    finally:
        stack.stop_rasa()
        stop(stack.actions)  # the one running now (a test may have restarted it)


@pytest.fixture(scope="session")
def live_portal(bot_stack: BotStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivePortal]:
    """The whole product running: the portal served over HTTP (the action server
    calls its internal API), pointed at the real Rasa, on its own SQLite database."""
    from flask_migrate import upgrade

    from portal.services.content.loader import load_content
    from portal.services.safeguarding import classifier
    from portal.services.search.build import rebuild_search_index

    tmp_path = tmp_path_factory.mktemp("live-portal")
    with new_database("sqlite", tmp_path) as url:
        app = make_test_app(
            url,
            tmp_path,
            RASA_URL=bot_stack.rasa_url,
            RASA_TOKEN=bot_stack.token,
            ACTION_SERVER_URL=bot_stack.action_url,
            SERVICE_TOKEN=bot_stack.service_token,
            PUBLIC_URL=bot_stack.portal_url,
        )
        with app.app_context():
            upgrade()
            load_content(app.config["CONTENT_DIR"])
            rebuild_search_index(app.config["SEARCH_INDEX_DIR"])
        classifier.model()  # loaded (or trained) before the first family writes, as `make run` does
        served = Served(app, int(bot_stack.portal_url.rsplit(":", 1)[1]))
        served.start()
        try:
            yield LivePortal(app, bot_stack.portal_url, served)
        finally:
            served.stop()
