"""How big a request may be, per area, checked before a byte of the body is read.

Without a limit a 10 MB body was read in full (2.8 s) before the webhook's signature check
refused it. Werkzeug refuses anything over the limit with 413 as soon as the Content-Length
is known, or as it reads a streamed body.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request, abort, request
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


class PortalRequest(Request):
    """JSON nested thousands deep makes the parser raise RecursionError, which Werkzeug does not
    treat as bad JSON: without this it was a 500. Now it is bad JSON like any other."""

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
        if _carries_nul():
            abort(400, "A request cannot carry NUL characters.")


def _carries_nul() -> bool:
    """No text a person writes holds a NUL, and PostgreSQL refuses one in any text (a 500 the
    fuzz test found): such a request is refused at the door, whatever part it is in."""
    if "\x00" in request.path or any("\x00" in value for value in request.args.values()):
        return True
    if request.is_json:
        raw = request.get_data(cache=True)
        return b"\x00" in raw or b"\\u0000" in raw.lower()
    if request.method == "POST" and request.mimetype in FORM_TYPES:
        return any("\x00" in value for value in request.form.values())
    return False


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
