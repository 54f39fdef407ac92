"""JSON API (contracts in DESIGN.md): /api/content now; search and chat follow."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from portal.api import chat, content, search  # noqa: E402, F401
