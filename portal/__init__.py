"""Family Help portal: the Flask application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, PackageLoader, StrictUndefined

from portal import errors, i18n, rate_limits, request_limits, security
from portal.config import load_config
from portal.extensions import babel, csrf, db, migrate
from portal.log_privacy import configure_logging


class TemplateUndefined(ChainableUndefined, StrictUndefined):
    """A typo in a template is an error, not a blank on the page.

    Printing, iterating or comparing an undefined value fails; testing it with
    `if` is allowed, because the GOV.UK Frontend macros test optional params.
    """

    def __bool__(self) -> bool:  # type: ignore[override]
        return False


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    config = load_config()
    if overrides:
        config.update(overrides)

    app = Flask(__name__)
    app.config.update(config)
    configure_logging(app.config["LOG_LEVEL"])

    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("portal", "templates"),
            PackageLoader("govuk_frontend_jinja"),
            PackageLoader("govuk_frontend_wtf"),
        ]
    )
    app.jinja_env.undefined = TemplateUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_dir()))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    request_limits.init_app(app)

    from portal import commands
    from portal.api import bp as api_bp
    from portal.chat import bp as chat_bp
    from portal.frontdoor import bp as frontdoor_bp
    from portal.internal import bp as internal_bp
    from portal.public import bp as public_bp
    from portal.search import bp as search_bp
    from portal.sms import bp as sms_bp
    from portal.status.routes import bp as status_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(status_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(chat_bp)
    if app.config.get("INTERNAL_API", True):
        app.register_blueprint(internal_bp)
    app.register_blueprint(frontdoor_bp)
    app.register_blueprint(sms_bp)
    rate_limits.init_app(app)
    commands.init_app(app)

    from portal.data import models  # noqa: F401  (register models with the metadata)

    hops = int(app.config.get("TRUSTED_PROXY_HOPS") or 0)
    if hops:
        # Behind a reverse proxy the client's address comes from X-Forwarded-For; only
        # as many hops as are really ours are believed (sign-in limits count addresses).
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    return app


def _migrations_dir() -> Any:
    from pathlib import Path

    return Path(__file__).resolve().parent / "data" / "migrations"
