"""Family Toolbox guide pages."""

from __future__ import annotations

from flask import abort, render_template, request

from portal.i18n import current_language
from portal.public import bp
from portal.public.browse import SENSITIVE_NEEDS
from portal.services.content import catalogue


@bp.get("/guides/<slug>")
def guide(slug: str) -> str:
    lang = current_language().code
    page = catalogue.get_page("guide", slug, lang) or abort(404)
    return render_template(
        "public/guide.html",
        page=page,
        services=catalogue.pages_by_slug("service", page.data.get("related_services", []), lang),
        share_url=request.url,
        sensitive=bool(SENSITIVE_NEEDS & set(page.needs)),
    )
