"""The Early Help front door's workspace (staff only, in English)."""

from flask import Blueprint

from portal.services.reading.phone import national

bp = Blueprint("frontdoor", __name__, url_prefix="/frontdoor")
# Family numbers are stored in E.164; workers see them as they would dial them.
bp.add_app_template_filter(national, "national_phone")

from portal.frontdoor import auth, routes  # noqa: E402, F401
