"""Client for the Rasa server's HTTP API.

Rasa listens on 127.0.0.1 (or a private network) with its API switched on
only behind a token that the portal holds; this client always sends it.
"""

from __future__ import annotations

from typing import Any

import requests


class RasaUnavailable(RuntimeError):
    """Rasa could not be reached or did not answer in time."""


class RasaClient:
    def __init__(self, base_url: str, token: str, timeout: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.http = requests.Session()

    def _get(self, path: str, timeout: float | None = None) -> Any:
        try:
            response = self.http.get(
                f"{self.base_url}{path}",
                params={"token": self.token},
                timeout=timeout or self.timeout,
            )
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error

    def status(self, timeout: float | None = None) -> dict[str, Any]:
        """Rasa's /status: which model is loaded (needs the token)."""
        return dict(self._get("/status", timeout))

    def send_message(
        self,
        sender: str,
        text: str,
        metadata: dict[str, Any] | None = None,
        timeout: float | None = None,
        channel: str = "web",
    ) -> list[dict[str, Any]]:
        """Relay one message; returns its replies. Text messages go to the SMS input
        channel (bot/channels/sms.py) so Rasa answers with its SMS reply variations."""
        webhook = "sms" if channel == "sms" else "portal"
        try:
            response = self.http.post(
                f"{self.base_url}/webhooks/{webhook}/webhook",
                json={"sender": sender, "message": text, "metadata": metadata or {}},
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=timeout or self.timeout,
            )
            response.raise_for_status()
            replies = response.json()
        except (requests.RequestException, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        if not isinstance(replies, list):
            raise RasaUnavailable("unexpected reply")
        return [reply for reply in replies if isinstance(reply, dict)]

    def parse(self, text: str, timeout: float | None = None) -> dict[str, Any]:
        """Rasa's NLU alone (nothing added to any conversation): the referral form asks
        the portal's own questions, but its free-text answers still get the NLU's
        safeguarding check."""
        try:
            response = self.http.post(
                f"{self.base_url}/model/parse",
                params={"token": self.token},
                json={"text": text},
                timeout=timeout or self.timeout,
            )
            response.raise_for_status()
            parsed = response.json()
        except (requests.RequestException, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        return parsed if isinstance(parsed, dict) else {}

    def tracker_slots(self, sender: str, timeout: float | None = None) -> dict[str, Any]:
        """The conversation's slots (what triage found), without its events."""
        tracker = self._get_with(f"/conversations/{sender}/tracker", {"include_events": "NONE"}, timeout)
        slots = tracker.get("slots") if isinstance(tracker, dict) else None
        return slots if isinstance(slots, dict) else {}

    def set_slots(self, sender: str, slots: dict[str, Any], timeout: float | None = None) -> None:
        """Tell Rasa facts about the conversation (its language, the council's
        numbers) once, instead of an action-server call on every turn."""
        events = [{"event": "slot", "name": name, "value": value} for name, value in slots.items()]
        try:
            response = self.http.post(
                f"{self.base_url}/conversations/{sender}/tracker/events",
                params={"token": self.token},
                json=events,
                timeout=timeout or self.timeout,
            )
            response.raise_for_status()
        except requests.RequestException as error:
            raise RasaUnavailable(type(error).__name__) from error

    def tracker_events(self, sender: str, timeout: float | None = None) -> list[dict[str, Any]]:
        """The conversation's events (what was said), for the page without JavaScript."""
        tracker = self._get_with(
            f"/conversations/{sender}/tracker", {"include_events": "AFTER_RESTART"}, timeout
        )
        events = tracker.get("events") if isinstance(tracker, dict) else None
        return [event for event in events or [] if isinstance(event, dict)]

    def _get_with(self, path: str, params: dict[str, str], timeout: float | None) -> Any:
        try:
            response = self.http.get(
                f"{self.base_url}{path}",
                params={"token": self.token, **params},
                timeout=timeout or self.timeout,
            )
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
