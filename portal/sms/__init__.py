"""Text messages: Twilio's webhook, and (in development) a phone simulator.

The webhook is authenticated by Twilio's signature, not a session, so it is
exempt from CSRF; the simulator's own form keeps CSRF.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("sms", __name__, url_prefix="/sms")

from portal.sms import simulator, webhook  # noqa: E402, F401
