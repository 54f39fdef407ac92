"""GET/POST /chat and /chat/exit."""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale, gettext
from werkzeug.wrappers import Response

from portal.chat import bp
from portal.security import CONTENT_SECURITY_POLICY, talisman
from portal.services.conversation.gateway import ChatInputError, handle_message, rasa_client
from portal.services.conversation.transcript import (
    TranscriptLine,
    forget_referral_draft,
    referral_lines,
    transcript,
)
from portal.services.reading.phone import national
from portal.services.sms import codes

EXIT_TO = "https://www.bbc.co.uk/weather"


def chat_session_id(create: bool) -> str | None:
    chat_id = session.get("chat_id")
    if chat_id is None and create:
        chat_id = secrets.token_urlsafe(24)
        session["chat_id"] = chat_id
    return chat_id


@bp.after_request
def never_cache(response: Response) -> Response:
    # The conversation must not come back from the browser's cache after "Exit this page".
    response.headers["Cache-Control"] = "no-store"
    return response


# Set when the person has just written (or chosen to carry on): the next page shows the
# conversation. Any other visit, a new tab, someone else picking up the phone, asks first.
SHOW_ONCE = "chat_show"
PORTAL_LINES = "chat_portal_lines"


def with_portal_lines(turns: list[TranscriptLine], extra: list[dict[str, Any]]) -> list[TranscriptLine]:
    """The latest turn as the family got it: the portal's safety lines straight after their
    message, its re-ask at the end (with its choices)."""
    last_you = max((i for i, line in enumerate(turns) if line.speaker == "you"), default=len(turns) - 1)
    before = [TranscriptLine("assistant", item["text"]) for item in extra if item.get("first")]
    after = [
        TranscriptLine("assistant", item["text"], item.get("buttons") or [])
        for item in extra
        if not item.get("first")
    ]
    merged = [*turns[: last_you + 1], *before, *turns[last_you + 1 :], *after]
    for line in merged[:-1]:
        line.buttons = []  # only the latest answer's buttons can still be pressed
    return merged


def _page(
    error: str | None = None,
    status: int = 200,
    panel: bool = False,
    text_code: str | None = None,
    code_error: str | None = None,
) -> Response:
    chat_id = chat_session_id(create=True)
    lang = str(get_locale())
    show = session.pop(SHOW_ONCE, False) or error is not None or text_code is not None
    extra = session.pop(PORTAL_LINES, None) or []
    turns, available = transcript(rasa_client(), chat_id, lang) if chat_id else ([], True)
    if show and extra:
        turns = with_portal_lines(turns, extra)
    if chat_id:
        turns.extend(referral_lines(chat_id, lang, session.pop("referral_notice", None)))
    resume = bool(turns) and not show
    html = render_template(
        "chat/chat.html",
        turns=[] if resume else turns,
        resume=resume,
        available=available,
        error=error,
        chat_id=chat_id,
        sensitive=True,
        exit_url=url_for("chat.exit_chat"),
        panel=panel,
        text_code=text_code,
        code_error=code_error,
        text_number=national(current_app.config.get("TWILIO_FROM_NUMBER") or ""),
    )
    return Response(html, status=status, mimetype="text/html")


@bp.get("/chat")
def chat() -> Response:
    return _page()


@bp.get("/chat/panel")
@talisman(
    frame_options="SAMEORIGIN",
    content_security_policy={**CONTENT_SECURITY_POLICY, "frame-ancestors": "'self'"},
    content_security_policy_nonce_in=["script-src"],
)
def panel() -> Response:
    """The same chat, laid out for the panel that opens over any page (in a frame)."""
    return _page(panel=True)


@bp.post("/chat")
def send() -> Response:
    chat_id = chat_session_id(create=True)
    panel = request.form.get("panel") == "1"
    try:
        turn = handle_message(chat_id, request.form.get("message", ""), str(get_locale()))
        session["referral_notice"] = turn.form_notice
        session[SHOW_ONCE] = True
        # What the portal said around Rasa's answer (not in Rasa's tracker), for the next page.
        leading = next((i for i, reply in enumerate(turn.replies) if not reply.portal), len(turn.replies))
        session[PORTAL_LINES] = [
            {"text": reply.text, "buttons": reply.buttons, "first": index < leading}
            for index, reply in enumerate(turn.replies)
            if reply.portal
        ]
    except ChatInputError:
        return _page(error=gettext("Type a message of up to 2,000 characters."), status=400, panel=panel)
    return _back_to_chat()


def _forget_conversation() -> None:
    """This browser no longer reaches its conversation; an unsent referral form is deleted."""
    chat_id = session.pop("chat_id", None)
    session.pop("referral_notice", None)
    if chat_id:
        forget_referral_draft(chat_id)


def _back_to_chat(anchor: str | None = "latest") -> Response:
    """After a form post: the chat page, or the panel when the form came from the panel."""
    panel = request.form.get("panel") == "1"
    return redirect(url_for("chat.panel" if panel else "chat.chat", _anchor=anchor), code=303)


@bp.get("/chat/exit")
def exit_chat() -> Response:
    """Forget this browser's conversation and leave for a neutral site."""
    _forget_conversation()
    return redirect(EXIT_TO, code=303)


@bp.post("/chat/text-code")
def text_code() -> Response:
    """A code to carry this conversation on by text (texted to the portal's number)."""
    chat_id = chat_session_id(create=True)
    return _page(text_code=codes.new_code(chat_id) if chat_id else "")


@bp.post("/chat/continue")
def continue_from_text() -> Response:
    """Carry on here a conversation begun by text (the code came by SMS after texting WEB)."""
    tried_by = {"browser": chat_session_id(create=True), "address": request.remote_addr}
    try:
        session_id = codes.use(request.form.get("code", ""), tried_by)
    except codes.TooManyTries:
        problem = f"{gettext('Too many tries')}. {gettext('Please wait a minute, then try again.')}"
        return _page(code_error=problem, status=429)
    if session_id is None:
        return _page(code_error=gettext("That code has not worked. Text WEB to get a new one."), status=400)
    session["chat_id"] = session_id
    session[SHOW_ONCE] = True
    return redirect(url_for("chat.chat", _anchor="latest"), code=303)


@bp.post("/chat/resume")
def resume() -> Response:
    """The person chose to see the conversation they had in this browser and carry on."""
    session[SHOW_ONCE] = True
    return _back_to_chat()


@bp.post("/chat/new")
def start_again() -> Response:
    """A new conversation: the old one is no longer reachable from this browser."""
    _forget_conversation()
    return _back_to_chat(anchor=None)
