"""How often one client may use the forms and the chat (Flask-Limiter).

Each limit is counted per client address (after the trusted proxies, see TRUSTED_PROXY_HOPS);
the chat is counted per conversation as well, because many families share one mobile
network's address and must not slow each other down. Counts are kept in memory, or in Redis
when RATELIMIT_STORAGE_URI names one, so every instance sees the same totals.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def _conversation_or_address() -> str:
    """The chat's session id (the JSON body's, or the page's cookie), else the address."""
    body = request.get_json(silent=True) if request.is_json else None
    conversation = body.get("session") if isinstance(body, dict) else session.get("chat_id")
    if isinstance(conversation, str) and conversation:
        return "conversation:" + conversation[:64]
    return "address:" + get_remote_address()


# endpoint -> (limit, counted by); several limits are separated by ";".
LIMITS: dict[str, list[tuple[str, Any]]] = {
    "api.api_chat": [("30 per minute;400 per hour", _conversation_or_address), ("300 per minute", None)],
    "chat.send": [("30 per minute;400 per hour", _conversation_or_address), ("300 per minute", None)],
    "chat.text_code": [("5 per minute;20 per hour", None)],
    "chat.continue_from_text": [("10 per minute;30 per hour", None)],
    "public.feedback": [("20 per minute", None)],
    "public.withdraw": [("5 per minute;20 per hour", None)],
}


def init_app(app: Flask) -> None:
    """After the blueprints are registered: each limited view is wrapped in this app only."""
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=app.config.get("RATELIMIT_STORAGE_URI") or "memory://",
        enabled=bool(app.config.get("RATELIMIT_ENABLED", True)),
        headers_enabled=True,
        swallow_errors=True,  # a Redis outage must not stop a family reaching help
    )
    app.extensions["family_help_limiter"] = limiter  # Flask-Limiter holds it only weakly
    for endpoint, limits in LIMITS.items():
        view: Any = app.view_functions.get(endpoint)
        if view is None:
            continue
        for rule, key in limits:
            decorate = limiter.limit(rule, key_func=key) if key else limiter.limit(rule)
            view = decorate(view)
        app.view_functions[endpoint] = view
