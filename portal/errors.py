"""Error pages, in the reader's language, registered in one place."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def not_found(error: HTTPException) -> tuple[str, int]:
        return render_template("errors/404.html"), 404

    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError) -> tuple[str, int]:
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(413)
    def too_large(error: HTTPException) -> tuple[str | Response, int]:
        if request.path.startswith(("/api/", "/internal/")):
            return jsonify({"error": "the request is too large"}), 413
        return render_template("errors/413.html"), 413

    @app.errorhandler(429)
    def too_many(error: HTTPException) -> tuple[str | Response, int]:
        """Rate limits (portal/rate_limits.py): wait, and the way to help that never waits."""
        if request.path.startswith(("/api/", "/internal/")):
            message = "Too many messages at once: wait a minute and send it again. In danger? Call 999."
            return jsonify({"error": message}), 429
        return render_template("errors/429.html"), 429

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str | Response, int]:
        # The original exception is logged by Flask; we add nothing from the request.
        if request.path.startswith(("/api/", "/internal/")):
            # Programs (and the chat's JavaScript) get JSON they can act on, not a page.
            message = "Something went wrong on our side. If anyone is in danger, call 999."
            return jsonify({"error": message}), 500
        return render_template("errors/500.html"), 500
