"""The action server's only way to the portal: its internal API.

Actions hold no content and no rules of their own; they send what the
conversation knows to the portal and pass the answer back to Rasa.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import quote

import requests

DEFAULT_TIMEOUT = 4.0
# What the portal's submission keys look like (portal/services/referrals/submit.py); anything
# else never reaches a URL path or the outbox.
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# 4xx answers that say "not now" rather than "never".
RETRY_LATER = (408, 425, 429)


class PortalUnavailable(RuntimeError):
    """The portal could not be reached or gave no usable answer."""


class PortalRefused(PortalUnavailable):
    """The portal answered but will not take it (unknown key, no consent): retrying cannot help.
    (Still "no usable answer" to callers that only need to know that.)"""


class PortalClient:
    def __init__(self, base_url: str | None = None, token: str | None = None) -> None:
        self.base_url = (base_url or os.environ.get("PORTAL_URL", "http://127.0.0.1:5000")).rstrip("/")
        self.token = token if token is not None else os.environ.get("SERVICE_TOKEN", "")
        self.http = requests.Session()

    def post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        return self._post(f"/internal/chat/{path}", payload)

    def submit_draft(self, submission_key: str) -> dict[str, Any]:
        """Send the family's finished referral form (by its key; the answers stay in the portal)."""
        if not is_submission_key(submission_key):
            raise PortalRefused("not a submission key")
        return self._post(f"/internal/referral-drafts/{quote(submission_key, safe='')}/submit", None)

    def _post(self, path: str, payload: dict[str, Any] | None) -> dict[str, Any]:
        try:
            response = self.http.post(
                f"{self.base_url}{path}",
                json=payload,
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=DEFAULT_TIMEOUT,
            )
        except requests.RequestException as error:
            raise PortalUnavailable(type(error).__name__) from error
        if 400 <= response.status_code < 500 and response.status_code not in RETRY_LATER:
            raise PortalRefused(str(response.status_code))
        try:
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise PortalUnavailable(type(error).__name__) from error
        if not isinstance(answer, dict):
            raise PortalUnavailable("answer is not an object")
        return answer


def is_submission_key(value: object) -> bool:
    return isinstance(value, str) and bool(SUBMISSION_KEY.match(value))


portal = PortalClient()
