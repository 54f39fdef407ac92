"""Public pages for families and practitioners."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template

from portal.i18n import current_language
from portal.public import bp
from portal.services.content import catalogue
from portal.services.content.contacts import current_contacts
from portal.taxonomy import AGE_BANDS, NEEDS


@bp.app_context_processor
def inject_contacts() -> dict[str, Any]:
    """Every page shows the front door's and out-of-hours numbers in its footer."""
    try:
        return {"contacts": current_contacts()}
    except Exception:  # current_contacts falls back to the file; if even that fails, the footer hides
        current_app.logger.exception("contacts: none to show in the footer")
        return {"contacts": {}}


@bp.get("/")
def home() -> str:
    lang = current_language().code
    return render_template(
        "public/home.html", needs=NEEDS, age_bands=AGE_BANDS, offer=catalogue.offer_elements(lang)
    )


@bp.get("/help-now")
def help_now() -> str:
    return render_template("public/help_now.html", sensitive=True)
