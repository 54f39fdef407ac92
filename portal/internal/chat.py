"""What the assistant's actions ask the portal: the needs a message is about, and signposts."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from werkzeug.wrappers import Response

from portal.i18n import LANGUAGES
from portal.internal import bp
from portal.services.conversation import disclosure
from portal.services.reading import triage as chat_triage
from portal.services.search import signposts as signposting
from portal.taxonomy import NEED_KEYS


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def _lang(body: dict[str, Any]) -> str:
    lang = body.get("lang")
    return lang if isinstance(lang, str) and lang in LANGUAGES else "en"


def _needs(value: Any) -> list[str]:
    return [key for key in value if key in NEED_KEYS] if isinstance(value, list) else []


@bp.post("/chat/need")
def note_need() -> Response:
    body = _body()
    ranking = body.get("intent_ranking")
    ranking = [item for item in ranking if isinstance(item, dict)] if isinstance(ranking, list) else []
    needs = chat_triage.needs_from(ranking, _needs(body.get("needs")))
    words = chat_triage.worry_words(str(body.get("text") or ""), "")
    slots: dict[str, Any] = {"needs": needs}
    if words:
        slots["worry_words"] = words
        # Listen once: an age or a town in the message is not asked for again.
        slots.update(chat_triage.known_from_message(words))
    # Disclosure first: what this message discloses is answered before any question.
    first = disclosure.first_lines(words, chat_triage.needs_from(ranking, []), _lang(body))
    return jsonify({"slots": slots, "messages": [{"text": text} for text in first]})


@bp.post("/chat/signpost")
def signpost() -> Response:
    body = _body()
    texts = signposting.signpost_messages(
        _needs(body.get("needs")),
        body.get("age_band") if isinstance(body.get("age_band"), str) else None,
        body.get("area") if isinstance(body.get("area"), str) else None,
        str(body.get("worry_words") or "")[: chat_triage.WORRY_WORDS_LIMIT],
        _lang(body),
        "sms" if body.get("channel") == "sms" else "web",
    )
    return jsonify({"messages": [{"text": text} for text in texts]})
