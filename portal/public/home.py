"""Public pages for families and practitioners."""

from __future__ import annotations

from typing import Any

from flask import render_template

from portal.i18n import current_language
from portal.public import bp
from portal.services import catalogue
from portal.services.contacts import current_contacts
from portal.taxonomy import AGE_BANDS, NEEDS


@bp.app_context_processor
def inject_contacts() -> dict[str, Any]:
    """Every page shows the front door's and out-of-hours numbers in its footer."""
    try:
        return {"contacts": current_contacts()}
    except Exception:  # a database fault must not take the page down; the footer just hides
        from portal.extensions import db

        db.session.rollback()
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
