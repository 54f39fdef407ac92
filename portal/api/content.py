"""GET /api/content?kind=guide|childhood_offer|service&lang=CODE"""

from __future__ import annotations

from typing import Any

from flask import jsonify, request, url_for
from werkzeug.wrappers import Response

from portal.api import bp
from portal.i18n import LANGUAGES
from portal.services.content import catalogue

KINDS = ("guide", "childhood_offer", "service")


def _problem(message: str) -> tuple[Response, int]:
    return jsonify({"error": message}), 400


@bp.get("/content")
def content() -> Response | tuple[Response, int]:
    kind = request.args.get("kind", "")
    lang = request.args.get("lang", "en")
    if kind not in KINDS:
        return _problem(f"kind must be one of: {', '.join(KINDS)}")
    if lang not in LANGUAGES:
        return _problem(f"lang must be one of: {', '.join(LANGUAGES)}")
    items: list[dict[str, Any]] = [
        {
            "kind": page.kind,
            "slug": page.slug,
            "title": page.title,
            "url": f"/{lang}"
            + url_for(catalogue.KIND_ENDPOINTS[page.kind], slug=page.slug, _external=False).removeprefix(
                request.script_root
            ),
            "needs": list(page.needs),
            "age_bands": list(page.age_bands),
            "lang": page.lang,
            "translation": page.translation,
            "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        }
        for page in catalogue.list_pages(kind, lang)
    ]
    return jsonify({"items": items})
