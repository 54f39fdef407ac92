"""The Childhood Offer: ten elements, and "what's there for my child"."""

from __future__ import annotations

from datetime import date

from flask import abort, render_template, request

from portal.i18n import current_language
from portal.public import bp
from portal.services.content import catalogue
from portal.services.reading.child_age import DateProblem, age_band_for
from portal.taxonomy import AGE_BANDS_BY_KEY


@bp.get("/childhood-offer")
def offer() -> str:
    return render_template("public/offer.html", elements=catalogue.offer_elements(current_language().code))


@bp.get("/childhood-offer/<slug>")
def offer_element(slug: str) -> str:
    lang = current_language().code
    page = catalogue.get_page("childhood_offer", slug, lang) or abort(404)
    return render_template(
        "public/offer_element.html",
        page=page,
        guides=catalogue.pages_by_slug("guide", page.data.get("related_guides", []), lang),
        services=catalogue.pages_by_slug("service", page.data.get("related_services", []), lang),
    )


@bp.route("/childhood-offer/my-child", methods=["GET", "POST"])
def journey() -> str | tuple[str, int]:
    """A date in, the right elements and guides out. POST keeps the date out of
    addresses and browser history; nothing is stored."""
    if request.method == "GET":
        return render_template("public/journey.html", values={}, error=None, band=None)
    values = {name: request.form.get(name, "").strip()[:4] for name in ("day", "month", "year")}
    try:
        child_date = date(int(values["year"]), int(values["month"]), int(values["day"]))
        band_key = age_band_for(child_date, date.today())
    except ValueError as problem:
        error = "range" if isinstance(problem, DateProblem) else "invalid"
        return render_template("public/journey.html", values=values, error=error, band=None), 400
    lang = current_language().code
    return render_template(
        "public/journey.html",
        values=values,
        error=None,
        band=AGE_BANDS_BY_KEY[band_key],
        offer=catalogue.offer_elements(lang, age_band=band_key),
        guides=catalogue.guides_for(lang, age_band=band_key),
    )
