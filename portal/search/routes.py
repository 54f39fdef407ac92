"""GET /search: a plain form and results, working without JavaScript."""

from __future__ import annotations

from flask import render_template, request

from portal.i18n import current_language
from portal.search import bp
from portal.services.content.catalogue import KIND_ENDPOINTS
from portal.services.search.filters import read_filters
from portal.services.search.query import search_site
from portal.taxonomy import AGE_BANDS, NEEDS


@bp.get("/search")
def search() -> str:
    lang = current_language().code
    query = request.args.get("q", "")
    filters, _problems = read_filters(request.args)  # unknown filter values are ignored on the page
    outcome = search_site(query, lang, filters) if query.strip() else None
    return render_template(
        "search/search.html",
        query=query,
        outcome=outcome,
        filters=filters,
        endpoints=KIND_ENDPOINTS,
        need_options=[(need.key, need.label) for need in NEEDS],
        age_options=[(band.key, band.label) for band in AGE_BANDS],
    )
