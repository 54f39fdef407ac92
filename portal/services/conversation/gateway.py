"""The chat gateway: every message from the web chat and by SMS comes here.

Order matters and is the product's safety promise:
1. the safeguarding patterns are checked first, so danger is answered even
   if Rasa is down;
2. the message goes to Rasa, with the patterns' verdict as metadata so a
   form in progress is interrupted there too;
3. Rasa's own NLU may recognise danger the patterns missed (the second
   layer); either way the safety reply is written here, from content.
If Rasa cannot be reached the person is told plainly and given numbers.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy.exc import SQLAlchemyError

from portal.clients.rasa import RasaClient, RasaUnavailable
from portal.data import chat_store, draft_store, referral_store
from portal.data.models import ChatConversation, ReferralDraft
from portal.services import safeguarding
from portal.services.content.contacts import council_numbers, current_contacts
from portal.services.conversation import fallback as chat_fallback
from portal.services.conversation import referral_turns as referral_chat
from portal.services.conversation.turns import (
    ChatReply,
    ChatTurn,
    database_fault,
    is_safety_marker,
    safety_turn,
    to_reply,
)
from portal.services.reading import triage as chat_triage
from portal.services.reading.language import reply_language
from portal.services.referrals import form as referral_form
from portal.services.referrals import messages as referral_messages

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_MESSAGE_CHARS = 2000
UNSURE = "unsure"  # the safeguarding event's layer when only the classifier suspected danger
CHANNELS = ("web", "sms")


class ChatInputError(ValueError):
    """A request the gateway cannot act on; the message says why."""


def rasa_client() -> RasaClient:
    config = current_app.config
    return RasaClient(config["RASA_URL"], config["RASA_TOKEN"], config["CHAT_TIMEOUT"])


def check_input(session_id: Any, message: Any) -> tuple[str, str]:
    if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
        raise ChatInputError("session must be 16 to 64 letters, digits, '-' or '_'")
    if not isinstance(message, str) or not message.strip():
        raise ChatInputError("message must be some text")
    text = message.strip()
    if len(text) > MAX_MESSAGE_CHARS:
        raise ChatInputError(f"message must be at most {MAX_MESSAGE_CHARS} characters")
    return session_id, text


def conversation_slots(lang: str, channel: str) -> dict[str, Any]:
    """What Rasa is told once per conversation: language, channel, the council's numbers."""
    with force_locale(lang):
        numbers = council_numbers(current_contacts())
        return {
            "language": lang,
            "channel": channel,
            "front_door_phone": numbers["phone"],
            "front_door_hours": numbers["hours"],
            "out_of_hours_phone": numbers["out_of_hours"],
        }


def _conversation(session_id: str, lang: str, channel: str) -> tuple[ChatConversation | None, bool]:
    """The conversation's record, and whether Rasa must be told its settings now."""
    try:
        conversation = chat_store.find_conversation(session_id)
        if conversation is None:
            return chat_store.start_conversation(session_id, channel), True
        return conversation, conversation.lang != lang
    except SQLAlchemyError:
        database_fault("record the conversation")
        return None, True  # tell Rasa again: harmless, and the language stays right


def _touch(conversation: ChatConversation | None, lang: str, awaiting: str | None) -> None:
    """After Rasa has answered: the language it now knows, the question it asked."""
    if conversation is None:
        return
    try:
        chat_store.note_turn(conversation, lang, awaiting)
    except SQLAlchemyError:
        database_fault("note the conversation's state")


def unavailable_replies(lang: str) -> list[ChatReply]:
    with force_locale(lang):
        return [
            ChatReply(
                gettext(
                    "Sorry, the assistant is not working at the moment. "
                    "You can call the Early Help front door on %(phone)s (%(hours)s), or the out-of-hours "
                    "team on %(out_of_hours)s at any other time. If anyone is in danger, call 999.",
                    **council_numbers(current_contacts()),
                )
            )
        ]


def _not_sure_reply(lang: str) -> ChatReply:
    with force_locale(lang):
        return ChatReply(
            gettext(
                "Sorry, I'm not sure I understood. Could you tell me a bit more about what's worrying you?"
            )
        )


# The triage questions, known by the payloads of the buttons that ask them.
ANSWER_PAYLOADS = {"age_band": "/inform_age", "area": "/inform_area"}
ANSWER_ENTITIES = {"age_band": "age_band", "area": "area"}


def awaited_answer(replies: list[dict[str, Any]]) -> str | None:
    """Which triage question the last reply asked, if any."""
    for raw in reversed(replies):
        for button in raw.get("buttons") or []:
            payload = str(button.get("payload", "")) if isinstance(button, dict) else ""
            for slot, prefix in ANSWER_PAYLOADS.items():
                if payload.startswith(prefix):
                    return slot
        if raw.get("text"):
            return None
    return None


def as_payload(conversation: ChatConversation | None, text: str) -> str | None:
    """A typed answer to the triage question, as the button payload it stands for.

    "she's 7", "ma 7 lat", "孩子七岁" or "skip" are understood here, in the portal,
    so the assistant needs no action-server call to read them (see
    docs/architecture.md); the person's own words travel with the message.
    """
    if conversation is None or not conversation.awaiting or text.startswith("/"):
        return None
    slot = conversation.awaiting
    value = chat_triage.understand(slot, text, None)
    if value is None:
        return None
    return f'{ANSWER_PAYLOADS[slot]}{{"{ANSWER_ENTITIES[slot]}":"{value}"}}'


def handle_message(session_id: Any, message: Any, lang: str, channel: str = "web") -> ChatTurn:
    """One turn of a conversation: the replies to show, in the right language.

    Danger found for sure interrupts (below); danger the classifier only suspects is
    answered with the safety lines first, and the conversation goes on after them.
    """
    session_id, text = check_input(session_id, message)
    lang = reply_language(text, lang)
    finding = safeguarding.assess(text)
    if finding and not finding.certain:
        turn = _handle(session_id, text, lang, channel, safeguarding.NOTHING)
        turn = _safety_first(turn, session_id, finding, lang, text)
    else:
        turn = _handle(session_id, text, lang, channel, finding)
    _remember_offered(session_id, turn)
    return turn


def _remember_offered(session_id: str, turn: ChatTurn) -> None:
    """The payloads of the buttons this turn shows: the only "/" messages the next turn takes
    as a button press. Anything else starting with "/" is read as words (see as_typed_words)."""
    payloads = [button["payload"] for reply in turn.replies for button in reply.buttons]
    try:
        conversation = chat_store.find_conversation(session_id)
        if conversation is not None:
            chat_store.note_offered(conversation, payloads[-MAX_OFFERED:])
    except SQLAlchemyError:
        database_fault("note the choices offered")


MAX_OFFERED = 40


def as_typed_words(conversation: ChatConversation | None, text: str) -> str:
    """A message starting with "/" is a button press only if the portal offered that button.

    Rasa reads "/intent{...}" as an intent with entities, so a typed one could choose any
    intent and set any entity (a forged submission key put in the action server's outbox).
    Anything not offered loses its leading slashes and is read as what someone typed.
    """
    if not text.startswith("/") or referral_form.is_form_message(text):
        return text  # the referral form reads its own buttons, with the checks typed answers get
    if conversation is not None and text in (conversation.offered or []):
        return text
    return text.lstrip("/").strip() or "?"


def _safety_first(
    turn: ChatTurn, session_id: str, finding: safeguarding.Finding, lang: str, text: str
) -> ChatTurn:
    """The safety lines before whatever the conversation says next (once per turn)."""
    if turn.escalated:
        return turn  # another layer already gave the full safety reply
    conversation = None
    try:
        conversation = chat_store.find_conversation(session_id)
    except SQLAlchemyError:
        database_fault("find the conversation")
    # Recorded as "unsure": the family got the safety lines, not a disclosure's full reply, and a
    # withdrawal later need not keep their details for it (services/records/withdrawal.py).
    safety = safety_turn(conversation, finding.kinds, UNSURE, lang, text, closing=False)
    turn.replies[:0] = [ChatReply(reply.text, reply.buttons, portal=True) for reply in safety.replies]
    turn.escalated = True
    return turn


def _handle(session_id: str, text: str, lang: str, channel: str, finding: safeguarding.Finding) -> ChatTurn:
    dangers = finding.kinds
    client = rasa_client()
    conversation, tell_rasa = _conversation(session_id, lang, channel)
    text = as_typed_words(conversation, text)
    draft, news = _draft_and_news(conversation)
    if conversation is not None and (text == referral_form.START or (draft and not draft.submitted_at)):
        if tell_rasa:
            _tell_rasa(client, session_id, lang, channel)
        turn = referral_chat.form_turn(client, session_id, conversation, draft, text, finding, lang, channel)
        turn.replies[:0] = news
        return turn
    if referral_form.is_form_message(text) and not dangers:
        # A button from a form that has ended (pressed again, or from an old page): Rasa
        # would not know it, so the portal answers.
        return ChatTurn([*news, referral_chat.form_closed(conversation, lang)], lang)
    try:
        if tell_rasa:
            client.set_slots(session_id, conversation_slots(lang, channel))
        # All the kinds found, most urgent first (the transcript page rebuilds the reply from them).
        metadata: dict[str, str] = {"safeguarding": ",".join(dangers)} if dangers else {}
        payload = None if dangers else as_payload(conversation, text)
        if payload:
            metadata["typed"] = text
        raw_replies = client.send_message(session_id, payload or text, metadata, channel=channel)
        if not tell_rasa and _forgot_its_settings(raw_replies):
            # Rasa lost this conversation (restarted with nothing kept): it answered without the
            # language or the council's numbers ("call None"). Tell it again and ask again.
            current_app.logger.warning("chat: Rasa had forgotten the conversation; telling it again")
            client.set_slots(session_id, conversation_slots(lang, channel))
            raw_replies = client.send_message(session_id, payload or text, metadata, channel=channel)
    except RasaUnavailable:
        current_app.logger.warning("chat: Rasa unavailable")
        if dangers:
            return safety_turn(conversation, dangers, finding.layer, lang, text)
        return ChatTurn([*news, *unavailable_replies(lang)], lang, assistant_available=False)
    said_something = any(to_reply(raw) for raw in raw_replies)
    # An empty turn asked nothing new: the question that was open stays open.
    awaiting = (
        awaited_answer(raw_replies) if said_something else (conversation.awaiting if conversation else None)
    )
    _touch(conversation, lang, awaiting)
    if dangers:
        return safety_turn(conversation, dangers, finding.layer, lang, text)
    if any(is_safety_marker(reply) for reply in raw_replies):
        if safeguarding.is_idiom_only(text):
            return ChatTurn([_not_sure_reply(lang)], lang)
        return safety_turn(conversation, [safeguarding.UNSPECIFIED], "nlu", lang, text)
    if conversation is not None and any(referral_chat.is_start_marker(reply) for reply in raw_replies):
        before = [
            reply
            for raw in raw_replies
            if not referral_chat.is_start_marker(raw) and (reply := to_reply(raw))
        ]
        turn = referral_chat.start(client, session_id, conversation, lang, channel)
        turn.replies[:0] = [*news, *before]
        return turn
    replies = [reply for raw in raw_replies if (reply := to_reply(raw))]
    return ChatTurn([*news, *replies, *_never_silent(conversation, bool(replies), lang)], lang)


def _never_silent(conversation: ChatConversation | None, answered: bool, lang: str) -> list[ChatReply]:
    """Nothing from the assistant: a re-ask with choices; a person after two in a row."""
    misses = 0 if answered else 1
    if conversation is not None:
        try:
            misses = chat_store.note_not_understood(conversation, missed=not answered)
        except SQLAlchemyError:
            database_fault("count a turn not understood")
    if answered:
        return []
    current_app.logger.info("chat: the assistant gave no reply; re-asking")
    text, buttons = chat_fallback.re_ask(conversation.awaiting if conversation else None, misses, lang)
    return [ChatReply(text, buttons, portal=True)]


_MISSING_SLOT = re.compile(r"\bNone\b")


def _forgot_its_settings(raw_replies: list[dict[str, Any]]) -> bool:
    """A reply with an empty slot in it: Rasa writes a missing value as "None"."""
    return any(isinstance(raw.get("text"), str) and _MISSING_SLOT.search(raw["text"]) for raw in raw_replies)


def _tell_rasa(client: RasaClient, session_id: str, lang: str, channel: str) -> None:
    try:
        client.set_slots(session_id, conversation_slots(lang, channel))
    except RasaUnavailable:
        current_app.logger.warning("chat: Rasa unavailable (slots not set)")


def _draft_and_news(conversation: ChatConversation | None) -> tuple[ReferralDraft | None, list[ChatReply]]:
    """The conversation's referral draft, and — if a request that had to wait has
    now reached the front door — the news, told once."""
    if conversation is None:
        return None, []
    try:
        draft = draft_store.for_conversation(conversation.key)
        if draft is None or draft.submitted_at is None:
            return draft, []
        referral = referral_store.by_submission_key(draft.submission_key)
        if referral is None:
            return draft, []
        draft_store.forget(draft)
        return None, [ChatReply(referral_messages.arrived_later(referral))]
    except SQLAlchemyError:
        database_fault("read the referral draft")
        return None, []
