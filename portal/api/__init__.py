"""JSON API: /api/content, /api/search and /api/chat; each module's docstring gives its request and answer."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from portal.api import chat, content, search  # noqa: E402, F401
