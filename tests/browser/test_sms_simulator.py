"""The development SMS simulator: texts go to the real webhook, signed; the page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_simulator_texts_the_webhook_and_shows_the_reply(
    axe: Any, app: Flask, live_url: str, monkeypatch: pytest.MonkeyPatch, javascript: bool
) -> None:
    monkeypatch.setitem(app.config, "SMS_SIMULATOR", True)
    page = axe.open(live_url + "/sms/simulator", javascript)
    try:
        assert axe.violations(page) == []
        if not javascript:
            return  # the harness serves a fixed script-free copy of the page: nothing to send from
        page.fill("#body", "HELP")
        with page.expect_navigation():
            page.click("button[value=send]")
        page.wait_for_selector("#latest")
        lines = page.locator(".fh-chat-log__list li").all_inner_texts()
        assert "HELP" in lines[-2] and "STOP" in lines[-1] and "999" in lines[-1]
        assert axe.violations(page) == []
    finally:
        page.context.close()


def test_the_simulator_is_not_there_in_production(client: Any) -> None:
    assert client.get("/sms/simulator").status_code == 404  # tests run with it off, as production does
