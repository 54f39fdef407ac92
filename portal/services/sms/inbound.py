"""Text messages from Twilio: answered once, never to a number that said STOP, by the
same assistant as the web chat (services/conversation/gateway.handle_message, channel "sms").

What a texting family can send besides their words: a digit (one of the numbered
choices last sent), STOP / START / UNSTOP / HELP (in any case, and in each of the six
languages, answered in the word's language), EXIT (clears the
conversation and answers neutrally), WEB (a code to carry on in the web chat), a
continuation code from the web chat (services/sms/codes.py: to carry that conversation on by text), and
WITHDRAW with a referral's reference (their own number is the check). The words
themselves, in each language, are the table in keywords.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy.exc import SQLAlchemyError
from twilio.request_validator import RequestValidator

from portal.data import chat_store, draft_store, sms_store
from portal.data.models import SmsContact, utcnow
from portal.extensions import db
from portal.services import safeguarding
from portal.services.conversation import gateway as chat
from portal.services.conversation.turns import ChatTurn
from portal.services.delivery import segments as sms_format
from portal.services.reading.language import reply_language
from portal.services.reading.phone import phone_key
from portal.services.records import withdrawal
from portal.services.referrals.form import public_link
from portal.services.safeguarding import writer
from portal.services.safeguarding.reply import safety_messages
from portal.services.sms import codes
from portal.services.sms.keywords import Meaning, pattern_for, read, shown_word

CODE = re.compile(rf"^(?:(?:{pattern_for(Meaning.CODE)})\s*)?([A-Za-z]{{4}}[\s-]?\d{{4}})$", re.IGNORECASE)
WITHDRAW = re.compile(
    rf"^(?:{pattern_for(Meaning.WITHDRAW)})\s+(eh[\s-]*\w{{3}}[\s-]*\w{{3}})$", re.IGNORECASE
)
MESSAGE_SID = re.compile(r"^(SM|MM)[0-9a-fA-F]{32}$")


@dataclass(frozen=True)
class Inbound:
    sid: str
    sender: str  # E.164, as Twilio sends it
    body: str


class BadRequest(ValueError):
    """A signed request without what a text message needs."""


def is_signed(url: str, params: dict[str, str], signature: str) -> bool:
    """Twilio signs the URL it called plus the sorted form fields with our auth token."""
    token = current_app.config.get("TWILIO_AUTH_TOKEN") or ""
    return bool(token and signature) and RequestValidator(token).validate(url, params, signature)


def inbound(params: dict[str, str]) -> Inbound:
    sid, sender = params.get("MessageSid", ""), params.get("From", "")
    if not MESSAGE_SID.match(sid) or not sender:
        raise BadRequest("MessageSid and From are needed")
    return Inbound(sid, sender, params.get("Body", "")[: chat.MAX_MESSAGE_CHARS])


def receive(message: Inbound) -> list[str]:
    """The texts to send back (none for a repeat, or to a number that opted out)."""
    try:
        first = sms_store.first_time(message.sid)
    except SQLAlchemyError:
        db.session.rollback()
        return _without_database(message)
    if not first:
        return []
    try:
        return _answer(message)
    except Exception:
        # Twilio does not retry a 500 (unless told to), so failing would leave the family with
        # silence: they get the front door's number instead, and the sid is freed for a retry.
        current_app.logger.exception("sms: could not answer a text; sending the front door's number")
        db.session.rollback()
        try:
            sms_store.forget_sid(message.sid)
        except SQLAlchemyError:
            db.session.rollback()
        return _sorry(message)


def _without_database(message: Inbound) -> list[str]:
    """The database is down: danger is still answered in full, anything else with the front
    door's and out-of-hours numbers (from contacts.yaml), never with silence."""
    dangers = safeguarding.assess(message.body).kinds
    if not dangers:
        current_app.logger.error("sms: database unavailable; answering with the numbers")
        return _sorry(message)
    current_app.logger.error("sms: database unavailable; answering danger without a record")
    lang = reply_language(message.body, "en")
    lines = safety_messages(dangers, lang, for_child=writer.is_child(message.body))
    return [text for line in lines for text in _say(lang, line)]


def _sorry(message: Inbound) -> list[str]:
    lang = reply_language(message.body, "en")
    return [text for reply in chat.unavailable_replies(lang) for text in _say(lang, reply.text)]


def _answer(message: Inbound) -> list[str]:
    contact = sms_store.contact_or_new(phone_key(message.sender))
    with force_locale(contact.lang or "en"):
        return _reply_to(contact, message)


def _reply_to(contact: SmsContact, message: Inbound) -> list[str]:
    body = message.body.strip()
    lang = contact.lang or "en"
    keyword = read(body, lang)
    meaning = keyword.meaning if keyword else None
    if meaning is Meaning.STOP:
        sms_store.save(contact, opted_out_at=utcnow(), choices=[])
        return []  # Twilio confirms a STOP itself, and nothing more may be sent
    if contact.opted_out_at is not None:
        if meaning is Meaning.START:  # ("yes" re-subscribes only here; elsewhere it is an answer)
            sms_store.save(contact, opted_out_at=None)
            return _say(lang, gettext("You will get our texts again. Text HELP for help, STOP to stop."))
        return []
    if keyword is not None and meaning in (Meaning.HELP, Meaning.EXIT, Meaning.WEB):
        lang = _word_language(keyword.lang, lang)
        if lang != contact.lang and meaning is not Meaning.EXIT:
            # They wrote in it: "WEB" after "ajutor" is answered in Romanian too (EXIT forgets all).
            sms_store.save(contact, lang=lang)
        with force_locale(lang):
            return _control(contact, keyword.meaning, lang)
    if match := CODE.match(body):
        try:
            session_id = codes.use(match.group(1), {"phone": contact.phone_key})
        except codes.TooManyTries:
            return _say(
                lang, f"{gettext('Too many tries')}. {gettext('Please wait a minute, then try again.')}"
            )
        if session_id is None:
            return _say(lang, gettext("That code has not worked. It may be old: ask for a new one."))
        sms_store.save(contact, session_id=session_id, choices=[])
        return _say(lang, gettext("Done: we can carry on by text. What would you like to say?"))
    if match := WITHDRAW.match(body):
        return _withdraw(match.group(1), message.sender, lang)
    choice = None if _awaits_age(contact) else _choice(contact, body)
    try:
        turn = chat.handle_message(contact.session_id, choice or body, lang, channel="sms")
    except chat.ChatInputError:
        return _say(lang, gettext("Please text a few words about what is worrying you."))
    sms_store.save(contact, lang=turn.lang, choices=[b["payload"] for b in _last_buttons(turn)])
    return texts_for(turn)


def _word_language(word_lang: str, lang: str) -> str:
    """A control word of one language only ("pomoc") is answered in that language, even as
    a first text; an English or shared word ("help", "stop") in the conversation's language."""
    return lang if word_lang == "en" else word_lang


def _control(contact: SmsContact, meaning: Meaning, lang: str) -> list[str]:
    """HELP, EXIT and WEB, answered in `lang` (under `lang`'s locale)."""
    if meaning is Meaning.HELP:
        # The words named are the language's own (else English), so that the family reads
        # what to text back in the language they wrote in.
        return _say(
            lang,
            gettext(
                "Family Help: text what worries you, or a number to choose. %(web)s: carry on online. "
                "%(exit)s: clear this chat. %(stop)s: no more texts. In danger? Call 999.",
                web=shown_word(Meaning.WEB, lang),
                exit=shown_word(Meaning.EXIT, lang),
                stop=shown_word(Meaning.STOP, lang),
            ),
        )
    if meaning is Meaning.EXIT:
        _forget(contact)
        return _say(lang, gettext("Thank you, your message has been received."))
    code = codes.new_code(contact.session_id)
    return _say(
        lang,
        gettext(
            "Your code is %(code)s. Enter it at %(link)s in the next 15 minutes to carry on there.",
            code=code,
            link=public_link(lang, "/chat"),
        ),
    )


def _say(lang: str, text: str) -> list[str]:
    """A system reply (translated by the caller, under the contact's locale), made plain."""
    return sms_format.split(sms_format.plain(text, lang))


def _choice(contact: SmsContact, body: str) -> str | None:
    """ "2" means the second numbered choice last sent."""
    if not body.isdigit():
        return None
    number = int(body)
    choices = contact.choices or []
    return choices[number - 1] if 1 <= number <= len(choices) else None


def _awaits_age(contact: SmsContact) -> bool:
    """At "how old is the child?" a bare number is an age, not the number of a choice."""
    conversation = chat_store.find_conversation(contact.session_id)
    return conversation is not None and conversation.awaiting == "age_band"


def _last_buttons(turn: ChatTurn) -> list[dict[str, str]]:
    for reply in reversed(turn.replies):
        if reply.buttons:
            return reply.buttons
    return []


def texts_for(turn: ChatTurn) -> list[str]:
    """The turn's replies as texts: the last question's buttons as numbered choices; short
    replies joined when that saves a segment; long ones split between words."""
    buttons = _last_buttons(turn)
    pieces: list[str] = []
    for reply in turn.replies:
        titles = [b["title"] for b in reply.buttons] if reply.buttons is buttons and buttons else []
        pieces.append(sms_format.plain(sms_format.with_choices(reply.text, titles), turn.lang))
    joined: list[str] = []
    for piece in pieces:
        if joined:
            together = f"{joined[-1]}\n{piece}"
            apart = sms_format.cost(joined[-1]).segments + sms_format.cost(piece).segments
            if sms_format.cost(together).segments < apart:
                joined[-1] = together
                continue
        joined.append(piece)
    return [text for piece in joined for text in sms_format.split(piece)]


def _forget(contact: SmsContact) -> None:
    """Quick exit: this number starts afresh; the old conversation's form is deleted."""
    key = chat_store.conversation_key(contact.session_id)
    draft_store.forget_conversation(key)
    chat_store.forget_conversation(key)
    sms_store.save(contact, session_id=sms_store.new_session_id(), choices=[], lang="en")


def continuation_code(session_id: str) -> str:
    """A code that carries this conversation to the web chat (services/sms/codes.py)."""
    return codes.new_code(session_id)


def _withdraw(reference: str, sender: str, lang: str) -> list[str]:
    try:
        done = withdrawal.withdraw(reference, sender, channel="sms")
    except withdrawal.NotFound:
        return _say(lang, gettext("We could not find a request with that reference for this phone number."))
    if done.kept_for_safety:
        text = gettext(
            "Your request %(reference)s has been withdrawn. Because you told us someone might be at risk, "
            "the front door keeps what you said and may still contact you to check everyone is safe.",
            reference=done.reference,
        )
    else:
        text = gettext(
            "Your request %(reference)s has been withdrawn and your details removed.",
            reference=done.reference,
        )
    return _say(lang, text)
