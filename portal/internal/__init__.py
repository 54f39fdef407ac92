"""The portal's internal API, for the action server only.

Behind the service token (never the public's session cookie), so it is
exempt from CSRF; it should not be exposed beyond the private network.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, abort, current_app, request

from portal.extensions import csrf

bp = Blueprint("internal", __name__, url_prefix="/internal")
csrf.exempt(bp)


@bp.before_request
def require_service_token() -> None:
    expected = current_app.config["SERVICE_TOKEN"]
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        abort(401)


from portal.internal import chat, referrals  # noqa: E402, F401
