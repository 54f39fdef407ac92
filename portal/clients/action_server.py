"""Client for the Rasa action server's health endpoint.

The portal never calls actions itself (Rasa does); it only checks the action
server is alive, for /healthz.
"""

from __future__ import annotations

import requests


def action_server_healthy(base_url: str, timeout: float) -> bool:
    try:
        response = requests.get(f"{base_url.rstrip('/')}/health", timeout=timeout)
        return response.ok and response.json().get("status") == "ok"
    except (requests.RequestException, ValueError):
        return False
