"""A live portal and headless Chromium (Debian's package) for accessibility tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.support.browser import AXE_SOURCE, CHROMIUM_ARGS, AxeAudit, chromium_path


@pytest.fixture(scope="session")
def live_url(app: Flask) -> Iterator[str]:
    """The session's app served in a thread. Browser tests commit for real (they are not
    rolled back like tests/integration): the server thread must see what a test writes."""
    from portal.services.search.build import rebuild_search_index

    with app.app_context():
        rebuild_search_index(app.config["SEARCH_INDEX_DIR"])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe(browser: Any) -> AxeAudit:
    assert AXE_SOURCE.exists(), "axe-core is vendored at setup: run `make setup`"
    return AxeAudit(browser)
