"""The web chat page: works with a plain form and a page refresh; JavaScript
only makes it quicker (it posts to /api/chat and keeps the page in place)."""

from flask import Blueprint

from portal.chat.links import linkify

bp = Blueprint("chat", __name__)
bp.add_app_template_filter(linkify, "chat_links")

from portal.chat import routes  # noqa: E402, F401
