"""The Early Help front door's workspace (staff only, in English)."""

from flask import Blueprint

bp = Blueprint("frontdoor", __name__, url_prefix="/frontdoor")

from portal.frontdoor import auth, routes  # noqa: E402, F401
