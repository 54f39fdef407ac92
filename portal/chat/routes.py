"""GET/POST /chat and /chat/exit."""

from __future__ import annotations

import secrets

from flask import redirect, render_template, request, session, url_for
from flask_babel import get_locale, gettext
from werkzeug.wrappers import Response

from portal.chat import bp
from portal.services.chat import ChatInputError, handle_message, rasa_client
from portal.services.chat_transcript import transcript

EXIT_TO = "https://www.bbc.co.uk/weather"


def chat_session_id(create: bool) -> str | None:
    chat_id = session.get("chat_id")
    if chat_id is None and create:
        chat_id = secrets.token_urlsafe(24)
        session["chat_id"] = chat_id
    return chat_id


def _no_store(response: Response) -> Response:
    # The conversation must not come back from the browser's cache after "Exit this page".
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(error: str | None = None, status: int = 200) -> Response:
    chat_id = chat_session_id(create=True)
    lang = str(get_locale())
    turns, available = transcript(rasa_client(), chat_id, lang) if chat_id else ([], True)
    html = render_template(
        "chat/chat.html",
        turns=turns,
        available=available,
        error=error,
        chat_id=chat_id,
        sensitive=True,
        exit_url=url_for("chat.exit_chat"),
    )
    response = Response(html, status=status, mimetype="text/html")
    return _no_store(response)


@bp.get("/chat")
def chat() -> Response:
    return _page()


@bp.post("/chat")
def send() -> Response:
    chat_id = chat_session_id(create=True)
    try:
        handle_message(chat_id, request.form.get("message", ""), str(get_locale()))
    except ChatInputError:
        return _page(error=gettext("Type a message of up to 2,000 characters."), status=400)
    return _no_store(redirect(url_for("chat.chat", _anchor="latest"), code=303))


@bp.get("/chat/exit")
def exit_chat() -> Response:
    """Forget this browser's conversation and leave for a neutral site."""
    session.pop("chat_id", None)
    return _no_store(redirect(EXIT_TO, code=303))
