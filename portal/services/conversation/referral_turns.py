"""The referral form inside a conversation: starting it, each answer, sending it.

While a form is under way the portal answers the family itself (the form's
questions are portal content in six languages), but the safety promise is
unchanged: every message is checked for danger first — patterns, then Rasa's
NLU on typed answers — and danger is answered before anything else. Sending
goes through Rasa to the action server, which delivers the referral to the
portal's internal API or keeps it in its outbox until it can.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy.exc import SQLAlchemyError

from portal.clients.rasa import RasaClient, RasaUnavailable
from portal.data import draft_store, referral_store
from portal.data.models import ChatConversation, ReferralDraft
from portal.extensions import db
from portal.services import safeguarding
from portal.services.conversation import turns as chat
from portal.services.referrals import form as referral_form
from portal.services.referrals import messages as referral_messages
from portal.services.referrals.form import FormTurn

REQUEST_INTENT = "request_referral"
QUEUED = "referral_queued"  # the action server's marker: kept in its outbox, to be delivered
SEND_TIMEOUT = 15.0  # the action waits up to a few seconds for the portal's internal API
# By text the whole answer must reach Twilio within its 15 seconds: past this the outbox keeps
# the referral and the family's next text brings the reference.
SMS_SEND_TIMEOUT = 8.0


def is_start_marker(raw: dict[str, Any]) -> bool:
    custom = raw.get("custom")
    return isinstance(custom, dict) and custom.get("referral_form") == "start"


def _is_queued_marker(raw: dict[str, Any]) -> bool:
    custom = raw.get("custom")
    return isinstance(custom, dict) and bool(custom.get(QUEUED))


def _replies(form: FormTurn) -> list[chat.ChatReply]:
    return [chat.ChatReply(reply.text, reply.buttons) for reply in form.replies]


def _sorry(lang: str) -> chat.ChatReply:
    with force_locale(lang):
        return chat.ChatReply(
            gettext(
                "Sorry, something went wrong and your last answer was not saved. Please send it again. "
                "If it keeps happening, call the Early Help front door."
            )
        )


def start(
    client: RasaClient, session_id: str, conversation: ChatConversation, lang: str, channel: str = "web"
) -> chat.ChatTurn:
    """Begin the form with what triage found (needs, age band, area) — unless this
    conversation has already sent one (a "yes" too many must not make a second referral)."""
    try:
        if referral_store.latest_for_conversation(conversation.key) is not None:
            return chat.ChatTurn([form_closed(conversation, lang)], lang)
    except SQLAlchemyError:
        chat.database_fault("look up a sent referral")
    try:
        triage = client.tracker_slots(session_id)
    except RasaUnavailable:
        triage = {}
    try:
        form = referral_form.begin(conversation.key, lang, triage, channel)
    except SQLAlchemyError:
        chat.database_fault("start a referral draft")
        return chat.ChatTurn([_sorry(lang)], lang)
    return chat.ChatTurn(_replies(form), lang, form_notice=form.notice)


def _nlu_finds_danger(client: RasaClient, text: str) -> bool:
    """The second layer for typed answers (the NLU only flags danger when ≥ 0.75 sure)."""
    if text.startswith("/"):
        return False
    try:
        parsed = client.parse(text)
    except RasaUnavailable:
        return False
    intent = parsed.get("intent") or {}
    return intent.get("name") == "safeguarding_emergency" and not safeguarding.is_idiom_only(text)


def form_turn(
    client: RasaClient,
    session_id: str,
    conversation: ChatConversation,
    draft: ReferralDraft | None,
    text: str,
    finding: safeguarding.Finding,
    lang: str,
    channel: str = "web",
) -> chat.ChatTurn:
    """One message while the form is open (or the button that opens it)."""
    if draft is None:
        return start(client, session_id, conversation, lang, channel)
    dangers, layer = finding.kinds, finding.layer or "nlu"
    if not dangers and _nlu_finds_danger(client, text):
        dangers = [safeguarding.UNSPECIFIED]
    try:
        if text == referral_form.START:
            form = FormTurn([referral_form.question(draft.step, draft.answers or {}, lang, channel)])
        elif dangers and draft.step != "words":
            # Danger first; the question stays open for when they are ready.
            form = FormTurn([referral_form.question(draft.step, draft.answers or {}, lang, channel)])
        else:
            form = referral_form.handle(
                draft, text, lang, channel
            )  # their words are what the front door needs
    except SQLAlchemyError:
        chat.database_fault("save a referral answer")
        return chat.ChatTurn([_sorry(lang)], lang)
    if dangers:
        safety = chat.safety_turn(conversation, dangers, layer, lang, text)
        with force_locale(lang):
            carry_on = chat.ChatReply(
                gettext("If you still want the front door to contact you, we can carry on.")
            )
        return chat.ChatTurn(
            [*safety.replies, carry_on, *_replies(form)], lang, escalated=True, form_notice=form.notice
        )
    if form.submit:
        return _submit(client, session_id, draft, lang, channel)
    return chat.ChatTurn(_replies(form), lang, form_notice=form.notice)


def _submit(
    client: RasaClient, session_id: str, draft: ReferralDraft, lang: str, channel: str
) -> chat.ChatTurn:
    """Hand the draft to the action server (by key) and tell the family honestly what happened."""
    try:
        first_time = draft_store.mark_submitted(draft)
    except SQLAlchemyError:
        chat.database_fault("mark a referral as sent")
        return chat.ChatTurn([_sorry(lang)], lang)
    if not first_time:
        with force_locale(lang):
            return chat.ChatTurn([chat.ChatReply(gettext("Your request has already been sent."))], lang)
    key = draft.submission_key
    message = f'/{REQUEST_INTENT}{{"submission_key":"{key}"}}'
    try:
        timeout = SMS_SEND_TIMEOUT if channel == "sms" else SEND_TIMEOUT
        raw_replies = client.send_message(session_id, message, {}, timeout=timeout, channel=channel)
    except RasaUnavailable:
        raw_replies = []
    told: list[chat.ChatReply] = []
    try:
        db.session.expire_all()  # the referral was written by another request
        referral = referral_store.by_submission_key(key)
        if referral is not None:
            if not any(referral.reference in str(raw.get("text") or "") for raw in raw_replies):
                # Stored, but the answer never came back (the action server or Rasa died after
                # storing it): the portal tells the family their reference itself.
                told = [chat.ChatReply(referral_messages.sent(referral))]
            draft_store.forget(draft)
        elif not any(_is_queued_marker(raw) for raw in raw_replies):
            draft_store.reopen(draft)  # nothing was kept anywhere: let them send again
            with force_locale(lang):
                text = gettext(
                    "Sorry, I couldn't send your request just now. Your answers are still here: please "
                    "press Send again in a minute. If you need to talk to someone now, call the Early Help "
                    "front door."
                )
            current_app.logger.warning("chat: referral not handed over (assistant or action server down)")
            return chat.ChatTurn([chat.ChatReply(text), referral_form_check(draft, lang)], lang)
    except SQLAlchemyError:
        chat.database_fault("check a sent referral")
    replies = [reply for raw in raw_replies if (reply := chat.to_reply(raw))]
    return chat.ChatTurn([*replies, *told], lang)


def referral_form_check(draft: ReferralDraft, lang: str) -> chat.ChatReply:
    reply = referral_form.check_answers(draft.answers or {}, lang)
    return chat.ChatReply(reply.text, reply.buttons)


def form_closed(conversation: ChatConversation | None, lang: str) -> chat.ChatReply:
    """The answer to a form button when no form is open: the reference if it was sent."""
    referral = None
    if conversation is not None:
        try:
            referral = referral_store.latest_for_conversation(conversation.key)
        except SQLAlchemyError:
            chat.database_fault("look up a sent referral")
    with force_locale(lang):
        if referral is not None:
            return chat.ChatReply(
                gettext(
                    "Your request has already been sent. Your reference is %(reference)s.",
                    reference=referral.reference,
                )
            )
        return chat.ChatReply(gettext("That form has closed. What would you like to do now?"))
