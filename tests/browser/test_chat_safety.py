"""A safe chat: numbers a family can tap, a conversation area that passes axe with replies in it
(with and without JavaScript), and "Exit this page" that works from inside the panel.

The browser tests' portal has no Rasa behind it, so replies are the outage message with the
front door's and out-of-hours numbers: enough to prove the page's own behaviour.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.browser import SCRIPT_TAG

pytestmark = pytest.mark.browser

FRONT_DOOR_TEL = 'a[href="tel:01516062008"]'
OUT_OF_HOURS_TEL = 'a[href="tel:01516776557"]'


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


@pytest.mark.parametrize("panel", [False, True], ids=["page", "panel"])
def test_with_javascript_numbers_in_replies_are_tel_links_and_the_log_passes_axe(
    axe: Any, live_url: str, panel: bool
) -> None:
    page = axe.open(live_url + ("/chat/panel" if panel else "/chat"), javascript=True)
    try:
        page.fill("#chat-message", "we have no money for food this week")
        page.click("#chat-send")
        page.wait_for_function("document.querySelectorAll('#chat-log-list li').length >= 3")
        log = page.locator("#chat-log-list")
        assert log.locator(FRONT_DOOR_TEL).count() >= 1
        assert log.locator(OUT_OF_HOURS_TEL).count() >= 1
        assert page.locator("#chat-log").get_attribute("tabindex") == "0"
        violations = axe.violations(page)
    finally:
        page.context.close()
    assert violations == [], violations


@pytest.mark.parametrize("panel", [False, True], ids=["page", "panel"])
def test_without_javascript_the_page_after_writing_has_tel_links_and_passes_axe(
    axe: Any, browser: Any, live_url: str, panel: bool
) -> None:
    url = live_url + ("/chat/panel" if panel else "/chat")
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        token = _token(page.request.get(url).text())
        form = {"csrf_token": token, "message": "we have no money for food this week"}
        if panel:
            form["panel"] = "1"
        page.request.post(live_url + "/chat", form=form, max_redirects=0)
        html = page.request.get(url).text()  # the page right after writing shows the conversation
        page.route(
            url,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=SCRIPT_TAG.sub("", html)
            ),
        )
        page.goto(url, wait_until="load")
        # Without Rasa the page says the assistant is down: its numbers are links too.
        # (With Rasa, the transcript's numbers: tests/e2e/test_chat.py.)
        assert page.locator("main").locator(FRONT_DOOR_TEL).count() >= 1
        violations = axe.violations(page)
    finally:
        context.close()
    assert violations == [], violations


def test_pressing_shift_three_times_inside_the_panel_leaves_the_site(axe: Any, live_url: str) -> None:
    page = axe.open(live_url + "/guides/toddler-tantrums", javascript=True)
    try:
        # The exit page redirects to a neutral site this machine cannot reach: stop at the exit.
        page.route("**/chat/exit", lambda route: route.fulfill(status=200, body="Left the site"))
        page.click("button.govuk-service-navigation__toggle")
        page.click("a[data-chat-launcher]")
        chat = page.frame_locator("#chat-dialog-frame")
        chat.locator("#chat-message").click()
        exit_button = chat.locator("#panel-exit")
        assert exit_button.is_visible()
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url("**/chat/exit", timeout=10_000)  # the whole page left, not only the panel
    finally:
        page.context.close()
