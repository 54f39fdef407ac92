"""How big a request may be, per area, checked before a byte of the body is read.

Without a limit a 10 MB body was read in full (2.8 s) before the webhook's signature check
refused it. Werkzeug refuses anything over the limit with 413 as soon as the Content-Length
is known, or as it reads a streamed body.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import BadRequest

KB = 1024
# The chat's largest message is 2,000 characters (6 bytes each when JSON escapes them);
# a Twilio webhook is a few hundred bytes of form fields; staff notes and reasons are short.
LIMITS = {
    "api": 32 * KB,
    "chat": 32 * KB,
    "sms": 16 * KB,
    "internal": 64 * KB,
    "frontdoor": 64 * KB,
}
DEFAULT_LIMIT = 64 * KB


class _WithoutNul(ImmutableMultiDict[str, Any]):
    """Query and form values with any NUL made a space: nobody types one, PostgreSQL refuses one
    in any text (a 500 the fuzz test found), and a space is what the cleaning code expects of a
    control character. Messages in JSON keep theirs: every message gets an answer."""

    def __init__(self, mapping: Any = None) -> None:
        if mapping is not None:
            pairs = mapping.items(multi=True) if isinstance(mapping, MultiDict) else mapping
            pairs = pairs.items() if isinstance(pairs, dict) else pairs
            mapping = [(_no_nul(key), _no_nul(value)) for key, value in pairs]
        super().__init__(mapping)


def _no_nul(value: Any) -> Any:
    return value.replace("\x00", " ") if isinstance(value, str) else value


class PortalRequest(Request):
    """JSON nested thousands deep makes the parser raise RecursionError, which Werkzeug does not
    treat as bad JSON: without this it was a 500. Now it is bad JSON like any other."""

    parameter_storage_class = _WithoutNul

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        try:
            return super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError:
            if silent:
                return None
            raise BadRequest("The JSON is nested too deeply.") from None


def init_app(app: Flask) -> None:
    app.request_class = PortalRequest
    # Flask's own default is no limit at all (None).
    ceiling = int(app.config.get("MAX_CONTENT_LENGTH") or DEFAULT_LIMIT)
    app.config["MAX_CONTENT_LENGTH"] = ceiling

    @app.before_request
    def limit_this_request() -> None:
        limit = min(LIMITS.get(request.blueprint or "", ceiling), ceiling)
        request.max_content_length = limit
        request.max_form_memory_size = limit
        if "\x00" in request.path:
            abort(404)  # no page has a NUL in its address (and PostgreSQL cannot look one up)
