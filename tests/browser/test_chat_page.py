"""The chat page with JavaScript: what a keyboard or screen-reader user meets.

The browser tests' portal has no Rasa behind it, so the reply is the plain
"not working" message with the front door's number: the path a family meets
during an outage, and enough to prove the page's own behaviour.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_sending_with_the_keyboard_adds_both_lines_to_the_live_log(axe: Any, live_url: str) -> None:
    page = axe.open(live_url + "/chat", javascript=True)
    try:
        log = page.locator("#chat-log")
        assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
        page.focus("#chat-message")
        page.keyboard.type("we have no money for food")
        page.keyboard.press("Tab")  # to the Send button
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelectorAll('#chat-log-list li').length >= 3")
        lines = page.locator("#chat-log-list li").all_inner_texts()
        assert "we have no money for food" in lines[-2]
        assert "0151 606 2008" in lines[-1]
        # Focus goes back to the message box, ready for the next message; nothing was reloaded.
        assert page.evaluate("document.activeElement.id") == "chat-message"
        assert page.url.endswith("/chat")
        # Nothing of the conversation is kept by the browser.
        assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0
    finally:
        page.context.close()
