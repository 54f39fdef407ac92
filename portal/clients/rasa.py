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
