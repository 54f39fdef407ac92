"""GET /api/search?q=TEXT&lang=CODE[&need=KEY][&age=BAND][&kind=KIND][&area=AREA]"""

from __future__ import annotations

from flask import jsonify, request, url_for
from werkzeug.wrappers import Response

from portal.api import bp
from portal.i18n import LANGUAGES
from portal.services.content.catalogue import KIND_ENDPOINTS
from portal.services.search.filters import read_filters
from portal.services.search.query import search_site

MESSAGES = {
    "empty": "Enter some words to search for.",
    "unavailable": "Search is not available at the moment. Please try again later.",
}


@bp.get("/search")
def api_search() -> Response | tuple[Response, int]:
    lang = request.args.get("lang", "en")
    if lang not in LANGUAGES:
        return jsonify({"error": f"lang must be one of: {', '.join(LANGUAGES)}"}), 400
    filters, problems = read_filters(request.args)
    if problems:
        return jsonify({"error": "; ".join(problems)}), 400
    outcome = search_site(request.args.get("q", ""), lang, filters)
    body = {
        "query": outcome.query,
        "lang": lang,
        "results": [
            {
                "kind": result.kind,
                "slug": result.slug,
                "title": result.title,
                "url": f"/{lang}"
                + url_for(KIND_ENDPOINTS[result.kind], slug=result.slug).removeprefix(request.script_root),
                "needs": list(result.needs),
                "lang": result.lang,
                "snippet": result.snippet,
            }
            for result in outcome.results
        ],
        "suggestion": outcome.suggestion,
    }
    if outcome.problem:
        body["message"] = MESSAGES[outcome.problem]
    return jsonify(body), 200
