"""POST /api/chat {"session", "message", "lang"} -> {"replies": [{"text", "buttons"}]}

The web chat's JavaScript uses it. It is exempt from the CSRF token because no
cookie identifies the conversation (the random session id in the body does)
and it only accepts application/json, which a cross-site form cannot send.
"""

from __future__ import annotations

from flask import jsonify, request
from werkzeug.wrappers import Response

from portal.api import bp
from portal.extensions import csrf
from portal.i18n import LANGUAGES
from portal.services.conversation.gateway import ChatInputError, handle_message


@bp.post("/chat")
@csrf.exempt
def api_chat() -> tuple[Response, int]:
    if not request.is_json:
        return jsonify({"error": 'send JSON: {"session": ..., "message": ..., "lang": ...}'}), 415
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify({"error": "the body must be a JSON object"}), 400
    lang = body.get("lang", "en")
    if not isinstance(lang, str) or lang not in LANGUAGES:
        return jsonify({"error": f"lang must be one of: {', '.join(LANGUAGES)}"}), 400
    try:
        turn = handle_message(body.get("session"), body.get("message"), lang)
    except ChatInputError as error:
        return jsonify({"error": str(error)}), 400
    response = jsonify(
        {
            "replies": [reply.as_json() for reply in turn.replies],
            "lang": turn.lang,
            "escalated": turn.escalated,
            "assistant_available": turn.assistant_available,
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response, 200
