"""The service directory, with filters, and service pages."""

from __future__ import annotations

from flask import abort, render_template, request

from portal.i18n import current_language
from portal.public import bp
from portal.services.content import catalogue
from portal.services.content.contacts import current_contacts
from portal.taxonomy import AGE_BAND_KEYS, AGE_BANDS, AREAS, NEED_KEYS, NEEDS

FILTER_CHOICES = {
    "need": NEED_KEYS,
    "age": AGE_BAND_KEYS,
    "area": AREAS,
    "cost": ("free", "low_cost", "paid"),
    "access": ("self_referral", "professional_referral"),
}


@bp.get("/services")
def services() -> str:
    # Unknown filter values are ignored rather than refused: a shared link with an
    # old value still shows the directory.
    chosen = {name: request.args.get(name) for name in FILTER_CHOICES}
    chosen = {name: value if value in FILTER_CHOICES[name] else None for name, value in chosen.items()}
    filters = catalogue.ServiceFilters(
        need=chosen["need"],
        age_band=chosen["age"],
        area=chosen["area"],
        cost=chosen["cost"],
        access=chosen["access"],
    )
    return render_template(
        "public/services.html",
        services=catalogue.services(filters, current_language().code),
        chosen=chosen,
        need_options=[(need.key, need.label) for need in NEEDS],
        age_options=[(band.key, band.label) for band in AGE_BANDS],
        area_options=[(area, area) for area in AREAS],
    )


@bp.get("/services/<slug>")
def service(slug: str) -> str:
    page = catalogue.get_page("service", slug, current_language().code) or abort(404)
    contact_ref = page.data.get("contact_ref")
    contact = current_contacts().get(contact_ref) if contact_ref else None
    return render_template("public/service.html", page=page, shared_contact=contact)
