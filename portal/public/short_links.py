"""/s/<code>: the short links sent in text messages."""

from __future__ import annotations

from flask import abort, redirect
from werkzeug.wrappers import Response

from portal.i18n import current_language
from portal.public import bp
from portal.services.search.signposts import short_link_target


@bp.get("/s/<code>")
def short_link(code: str) -> Response:
    target = short_link_target(code, current_language().code)
    if target is None:
        abort(404)
    return redirect(target, code=302)
