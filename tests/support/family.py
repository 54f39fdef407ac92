"""A family talking to the assistant through /api/chat: what they send, what they see.

`Family` drives the app in-process (Flask's test client); `LiveFamily` drives a portal
served over HTTP, with the real Rasa and action server behind it (tests/e2e).
"""

from __future__ import annotations

import secrets
from typing import Any

import requests
from flask.testing import FlaskClient


class _Conversation:
    """One conversation; subclasses only say how a message reaches the portal."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.session = secrets.token_urlsafe(18)
        self.last: dict[str, Any] = {}

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def say(self, message: str) -> str:
        """Send one message; the replies' text, one a line."""
        self.last = self._post({"session": self.session, "message": message, "lang": self.lang})
        return "\n".join(reply["text"] for reply in self.last["replies"])

    @property
    def buttons(self) -> dict[str, str]:
        """The buttons on the last replies, title to payload."""
        return {b["title"]: b["payload"] for reply in self.last["replies"] for b in reply.get("buttons", [])}

    def press(self, title: str) -> str:
        buttons = self.buttons
        assert title in buttons, f"no {title!r} button in {list(buttons)}"
        return self.say(buttons[title])


class Family(_Conversation):
    """A family on the app in-process."""

    def __init__(self, client: FlaskClient, lang: str = "en") -> None:
        super().__init__(lang)
        self.client = client

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post("/api/chat", json=body)
        assert response.status_code == 200, response.get_data(as_text=True)
        return dict(response.json or {})


class LiveFamily(_Conversation):
    """A family on a portal served at `url`, as a browser's chat page calls it."""

    def __init__(self, url: str, lang: str = "en") -> None:
        super().__init__(lang)
        self.url = url

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        response = requests.post(f"{self.url}/api/chat", json=body, timeout=30)
        assert response.status_code == 200, response.text
        return dict(response.json())


def fill_in_up_to_consent(family: Family) -> None:
    """The referral form answered up to the consent question (two children, housing, a text)."""
    assert "one at a time" in family.say("/ref:start")
    assert "Who would you like help for?" in family.last["replies"][-1]["text"]
    assert "How old are the children?" in family.press("My child or children")
    assert "first names" in family.say("she's 4 and he is 9")
    assert "own words" in family.press("Skip this question")
    assert "What is it about?" in family.say(
        "We're behind on the rent and the landlord wants us out. My son won't go to school."
    )
    assert "Chosen so far: Housing" in family.press("Housing")
    assert "How would you like the front door to contact you?" in family.press("Done")
    assert "What phone number" in family.say("text me")
    assert "doesn't look like a phone number" in family.say("call me maybe")
    assert "good time" in family.say("07700 900 123")
    assert "safe for the front door to send texts" in family.say("after school pick up")
    assert "interpreter" in family.say("no")
    assert "Which area" in family.say("no thanks")
    assert "We will send what you have told us" in family.say("ch41 5lh")
