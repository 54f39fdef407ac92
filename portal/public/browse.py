"""Browse by need and by age."""

from __future__ import annotations

from flask import abort, render_template

from portal.i18n import current_language
from portal.public import bp
from portal.services.content import catalogue
from portal.taxonomy import AGE_BANDS, AGE_BANDS_BY_KEY, NEEDS, NEEDS_BY_KEY

# Pages about these needs show "Exit this page".
SENSITIVE_NEEDS = {"domestic_abuse", "youth_safety", "substance_use", "mental_health", "family_relationships"}


@bp.get("/needs")
def needs() -> str:
    return render_template("public/needs.html", needs=NEEDS)


@bp.get("/needs/<key>")
def need(key: str) -> str:
    need = NEEDS_BY_KEY.get(key) or abort(404)
    lang = current_language().code
    return render_template(
        "public/need.html",
        need=need,
        guides=catalogue.guides_for(lang, need=key),
        services=catalogue.services(catalogue.ServiceFilters(need=key), lang)[:8],
        sensitive=key in SENSITIVE_NEEDS,
    )


@bp.get("/ages")
def ages() -> str:
    return render_template("public/ages.html", age_bands=AGE_BANDS)


@bp.get("/ages/<key>")
def age(key: str) -> str:
    band = AGE_BANDS_BY_KEY.get(key) or abort(404)
    lang = current_language().code
    return render_template(
        "public/age.html",
        band=band,
        offer=catalogue.offer_elements(lang, age_band=key),
        guides=catalogue.guides_for(lang, age_band=key),
    )
