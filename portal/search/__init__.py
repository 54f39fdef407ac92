"""The /search page."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from portal.search import routes  # noqa: E402, F401
