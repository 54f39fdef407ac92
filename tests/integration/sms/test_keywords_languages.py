"""Control words as a Polish, Arabic, Ukrainian, Romanian or Chinese family texts them: stop,
clear the chat, help and carry on on the web, each answered in the language it was texted in.

The words and replies are written out here as the family sends and reads them (Polish and
Romanian replies go without diacritics, as the portal sends them to stay in GSM-7)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.data import chat_store, draft_store, sms_store
from portal.data.models import SmsContact
from portal.extensions import db
from portal.services.delivery import segments
from portal.services.reading.phone import phone_key
from portal.services.sms.keywords import KEYWORDS, Meaning
from tests.support.phone import Phone


@dataclass(frozen=True)
class Language:
    stop: tuple[str, ...]  # as typed: with and without diacritics, any case
    clear: tuple[str, ...]
    help: str
    web: str
    help_text: str  # what the family reads back, naming the language's own words
    received: str  # the neutral answer to a quick exit
    your_code: str  # how the reply with a continuation code begins


LANGUAGES = {
    "pl": Language(
        stop=("wypisz", "Rezygnuję", "REZYGNUJE"),
        clear=("wyjdź", "Wyjdz", "wyjście"),
        help="Pomoc",
        web="strona",
        help_text="Family Help: napisz, co Cie martwi, lub numer opcji. STRONA: kontynuuj online. "
        "WYJDZ: usun ten czat. STOP: koniec SMS-ow. Zagrozenie? Dzwon na 999.",
        received="Dziekujemy, otrzymalismy Twoja wiadomosc.",
        your_code="Twoj kod to",
    ),
    "ar": Language(
        stop=("توقف", "إيقاف", "ايقاف"),
        clear=("خروج",),
        help="مساعدة",
        web="موقع",
        help_text="Family Help: اكتب ما يقلقك أو رقم الخيار. موقع: أكمل على الإنترنت. خروج: امسح المحادثة. "
        "توقف: أوقف الرسائل. في خطر؟ اتصل بـ999.",
        received="شكرا، تم استلام رسالتك.",
        your_code="رمزك",
    ),
    "uk": Language(
        stop=("стоп", "СТОП", "відписатися"),
        clear=("вихід", "Вийти"),
        help="Допомога",
        web="сайт",
        help_text="Family Help: напишіть, що турбує, або номер варіанта. САЙТ: далі онлайн. "
        "ВИХІД: очистити чат. СТОП: без SMS. Небезпека? Дзвоніть 999.",
        received="Дякуємо, ваше повідомлення отримано.",
        your_code="Ваш код:",
    ),
    "ro": Language(
        stop=("dezabonare", "Dezabonează", "dezaboneaza"),
        clear=("ieșire", "Iesire"),
        help="Ajutor",
        web="site",
        help_text="Family Help: scrieti ce va preocupa sau numarul optiunii. WEB: continuati online. "
        "IESIRE: stergeti conversatia. STOP: fara SMS-uri. In pericol? Sunati la 999.",
        received="Multumim, am primit mesajul dvs.",
        your_code="Codul dvs. este",
    ),
    "zh": Language(
        stop=("退订", "停止。", "TD"),
        clear=("退出", "清除！"),
        help="帮助",
        web="网页",
        help_text="Family Help：说说您担心的事，或回复数字选择。网页：在网上继续。退出：清除聊天。"
        "退订：不再接收短信。有危险请拨999。",
        received="谢谢，您的信息已收到。",
        your_code="您的验证码是",
    ),
}
CODE = re.compile(r"([A-Z]{4} \d{4})")


def contact(app: Flask, phone: Phone) -> SmsContact:
    with app.app_context():
        found = db.session.execute(
            db.select(SmsContact).filter_by(phone_key=phone_key(phone.number))
        ).scalar_one()
        db.session.expunge(found)
        return found


def each_word(field: str) -> list[tuple[str, str]]:
    return [(lang, word) for lang, words in LANGUAGES.items() for word in getattr(words, field)]


@pytest.mark.parametrize(("lang", "word"), each_word("stop"))
def test_a_stop_word_opts_the_number_out_and_nothing_more_is_sent(
    app: Flask, client: FlaskClient, lang: str, word: str
) -> None:
    phone = Phone(app, client)
    assert phone.text("hi")
    assert phone.text(word) == []  # nothing, not even a confirmation
    assert contact(app, phone).opted_out_at is not None
    with app.app_context():  # the same opt-out the front door's texts about a referral check
        assert sms_store.opted_out(phone_key(phone.number))
    assert phone.text("hello?") == []
    assert phone.text(LANGUAGES[lang].help) == []
    assert phone.text("HELP") == []
    assert "texts again" in phone.says("start")


@pytest.mark.parametrize(("lang", "word"), each_word("clear"))
def test_a_clear_word_clears_the_conversation_and_answers_neutrally(
    app: Flask, client: FlaskClient, lang: str, word: str
) -> None:
    phone = Phone(app, client)
    phone.text("/ref:start")
    before = contact(app, phone)
    assert phone.text(word) == [LANGUAGES[lang].received]
    after = contact(app, phone)
    assert after.session_id != before.session_id and after.choices == []
    with app.app_context():
        key = chat_store.conversation_key(before.session_id)
        assert draft_store.for_conversation(key) is None and chat_store.conversation_by_key(key) is None


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_help_word_gets_the_help_text_naming_that_languages_words(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    texts = Phone(app, client).text(LANGUAGES[lang].help)
    assert texts == [LANGUAGES[lang].help_text]
    assert segments.cost(texts[0]).segments <= segments.MAX_SEGMENTS_PER_TEXT


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_words_the_help_text_names_work_when_texted_back(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    """Named in upper case and (Polish, Romanian) without diacritics, as the family reads them."""
    phone = Phone(app, client)
    named = re.findall(r"[.。]\s*([^\s.:：。]+)[:：]", phone.says(LANGUAGES[lang].help))
    assert len(named) == 3, named
    web, clear, stop = named
    assert phone.says(web).startswith(LANGUAGES[lang].your_code)
    assert phone.text(clear) == [LANGUAGES[lang].received]
    assert phone.text(stop) == [] and contact(app, phone).opted_out_at is not None


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_web_word_gives_a_code_that_carries_the_conversation_on_online(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    phone = Phone(app, client)
    phone.text("/ref:start")
    reply = phone.says(LANGUAGES[lang].web)
    code = CODE.search(reply)
    assert reply.startswith(LANGUAGES[lang].your_code) and code, reply
    browser = app.test_client()
    page = browser.get("/chat").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    answer = browser.post("/chat/continue", data={"csrf_token": token, "code": code.group(1)})
    assert answer.status_code == 303
    with browser.session_transaction() as cookie:
        assert cookie["chat_id"] == contact(app, phone).session_id


@pytest.mark.parametrize("cry", ["pomocy", "ratunku", "допоможіть", "ساعدوني", "救命"])
def test_a_cry_for_help_goes_to_the_assistant_not_the_help_text(
    app: Flask, client: FlaskClient, cry: str
) -> None:
    reply = Phone(app, client).says(cry)
    assert reply and "Family Help" not in reply
    assert all(reply != language.help_text for language in LANGUAGES.values())


def test_after_a_word_in_their_language_english_words_are_answered_in_it_too(
    app: Flask, client: FlaskClient
) -> None:
    phone = Phone(app, client)
    assert phone.says("ajutor") == LANGUAGES["ro"].help_text
    assert phone.says("HELP") == LANGUAGES["ro"].help_text
    assert phone.says("web").startswith(LANGUAGES["ro"].your_code)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_language_has_its_words_and_names_words_it_reads(lang: str) -> None:
    """A word the help text names must be one that is read back (else the family is told a
    word that does nothing)."""
    entries = {k.meaning: k for k in KEYWORDS if k.lang == lang}
    assert {Meaning.STOP, Meaning.START, Meaning.HELP, Meaning.EXIT, Meaning.WEB} <= set(entries)
    for keyword in entries.values():
        assert keyword.shown in keyword.words and 1 <= len(keyword.words) <= 4, keyword
