"""'Was this helpful?' on every content page."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from portal.i18n import current_language
from portal.public import bp
from portal.services.content import catalogue
from portal.services.content.feedback import COMMENT_LIMIT, FeedbackProblem, record_feedback

ENDPOINTS = {"guide": "public.guide", "childhood_offer": "public.offer_element", "service": "public.service"}


@bp.post("/feedback")
def feedback() -> Response | tuple[str, int]:
    kind, slug = request.form.get("kind", ""), request.form.get("slug", "")
    lang = current_language().code
    if kind not in ENDPOINTS or catalogue.get_page(kind, slug, lang) is None:
        abort(404)
    comment = request.form.get("comment", "")
    try:
        record_feedback(kind, slug, lang, request.form.get("helpful"), comment)
    except FeedbackProblem as problem:
        page = catalogue.get_page(kind, slug, lang)
        return render_template(
            "public/feedback_problem.html",
            page=page,
            problem=str(problem),
            comment=comment,
            limit=COMMENT_LIMIT,
        ), 400
    return redirect(url_for(ENDPOINTS[kind], slug=slug, feedback="thanks", _anchor="feedback"))
