"""The web chat page: works with a plain form and a page refresh; JavaScript
only makes it quicker (it posts to /api/chat and keeps the page in place)."""

from flask import Blueprint

bp = Blueprint("chat", __name__)

from portal.chat import routes  # noqa: E402, F401
