"""/s/<code>: the short links sent in text messages."""

from __future__ import annotations

from flask import abort, redirect
from werkzeug.wrappers import Response

from portal.data import content_store
from portal.i18n import current_language
from portal.public import bp
from portal.services.signposting import page_url


@bp.get("/s/<code>")
def short_link(code: str) -> Response:
    try:
        item = content_store.item_by_id(int(code, 36)) if len(code) <= 8 else None
    except ValueError:
        item = None
    if item is None or not item.published:
        abort(404)
    return redirect(page_url(item.kind, item.slug, current_language().code), code=302)
