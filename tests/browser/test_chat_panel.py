"""The chat panel that opens over any page: keyboard, focus and the page behind."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_the_chat_link_opens_a_panel_and_gives_focus_back(axe: Any, live_url: str) -> None:
    page = axe.open(live_url + "/guides/toddler-tantrums", javascript=True)
    try:
        page.click("button.govuk-service-navigation__toggle")  # a phone: the menu is folded away
        page.click("a[data-chat-launcher]")
        dialog = page.locator("#chat-dialog")
        assert dialog.evaluate("d => d.open") is True
        assert page.url.endswith("/guides/toddler-tantrums")  # the reader has not lost their page
        assert page.evaluate("document.activeElement.id") == "chat-dialog-close"
        chat = page.frame_locator("#chat-dialog-frame")
        chat.locator("#chat-message").fill("we have no money for food")
        chat.locator("#chat-send").click()
        chat.locator("#chat-log-list li:nth-child(3)").wait_for()
        assert "0151 606 2008" in chat.locator("#chat-log-list li").last.inner_text()
        page.keyboard.press("Escape")
        assert dialog.evaluate("d => d.open") is False
        assert page.evaluate("document.activeElement.hasAttribute('data-chat-launcher')")
    finally:
        page.context.close()


def test_without_javascript_the_chat_link_is_the_chat_page(client: Any) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'href="/chat" data-chat-launcher' in html
    assert "<dialog" in html and " open" not in html.split("<dialog", 1)[1].split(">", 1)[0]


def test_the_panel_page_may_only_be_framed_by_the_portal(client: Any) -> None:
    panel = client.get("/chat/panel")
    assert panel.status_code == 200
    assert panel.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in panel.headers["Content-Security-Policy"]
    assert client.get("/chat").headers["X-Frame-Options"] == "DENY"
