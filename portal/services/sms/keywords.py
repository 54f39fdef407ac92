"""The control words a text can be, as one table: what each does, and the words that mean
it in each language.

A texting family has no buttons, so these words are how they stop texts, ask for help,
clear the chat or move to the web. Each entry is one meaning in one language: another
language is more entries, and inbound.py needs no change. A word must mean one thing only,
whatever the language (tests check), because a STOP must work whichever language the
conversation was last in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum


class Meaning(Enum):
    STOP = "stop"  # no more texts: Twilio confirms it, and nothing more may be sent
    START = "start"  # texts again; means this only from a number that opted out
    HELP = "help"  # what can be texted, and 999
    EXIT = "exit"  # quick exit: the conversation is cleared and answered neutrally
    WEB = "web"  # a code to carry the conversation on in the web chat
    CODE = "code"  # may come before a continuation code from the web chat (KTWM 4729)
    WITHDRAW = "withdraw"  # comes before a referral's reference


@dataclass(frozen=True)
class Keyword:
    meaning: Meaning
    lang: str
    words: frozenset[str]  # lower case and NFC, as `read` reads a text
    shown: str = ""  # the word the HELP reply names (upper-cased); blank: the first in sorted order


KEYWORDS: tuple[Keyword, ...] = (
    Keyword(
        Meaning.STOP,
        "en",
        frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"}),
        shown="stop",
    ),
    Keyword(Meaning.START, "en", frozenset({"start", "unstop", "yes"}), shown="start"),
    Keyword(Meaning.HELP, "en", frozenset({"help", "info"}), shown="help"),
    Keyword(Meaning.EXIT, "en", frozenset({"exit"})),
    Keyword(Meaning.WEB, "en", frozenset({"web"})),
    Keyword(Meaning.CODE, "en", frozenset({"code"})),
    Keyword(Meaning.WITHDRAW, "en", frozenset({"withdraw"})),
    # Polish. "stop" is how Polish services ask to be unsubscribed (and Twilio honours it too);
    # "koniec" (the end) is left out: alone it can be despair, which must reach the assistant.
    Keyword(Meaning.STOP, "pl", frozenset({"stop", "wypisz", "rezygnuję", "rezygnuje"}), shown="stop"),
    Keyword(Meaning.START, "pl", frozenset({"start", "wznów", "wznow"}), shown="start"),
    Keyword(Meaning.HELP, "pl", frozenset({"pomoc"}), shown="pomoc"),
    Keyword(Meaning.EXIT, "pl", frozenset({"wyjdź", "wyjdz", "wyjście", "wyjscie"}), shown="wyjdź"),
    Keyword(Meaning.WEB, "pl", frozenset({"strona"}), shown="strona"),
    # Arabic, with and without hamza (people often type a bare alif).
    Keyword(Meaning.STOP, "ar", frozenset({"توقف", "إيقاف", "ايقاف"}), shown="توقف"),
    Keyword(Meaning.START, "ar", frozenset({"ابدأ", "ابدا"}), shown="ابدأ"),
    Keyword(Meaning.HELP, "ar", frozenset({"مساعدة", "مساعده"}), shown="مساعدة"),
    Keyword(Meaning.EXIT, "ar", frozenset({"خروج"}), shown="خروج"),
    Keyword(Meaning.WEB, "ar", frozenset({"موقع", "الموقع", "ويب"}), shown="موقع"),
    # Ukrainian: "стоп" is what Ukrainian services ask for; Latin "stop" works as English.
    Keyword(Meaning.STOP, "uk", frozenset({"стоп", "відписатися", "відписатись"}), shown="стоп"),
    Keyword(Meaning.START, "uk", frozenset({"старт", "почати"}), shown="старт"),
    Keyword(Meaning.HELP, "uk", frozenset({"допомога"}), shown="допомога"),
    Keyword(Meaning.EXIT, "uk", frozenset({"вихід", "вийти"}), shown="вихід"),
    Keyword(Meaning.WEB, "uk", frozenset({"сайт", "веб"}), shown="сайт"),
    # Romanian, with and without diacritics. "stop" and "web" are what Romanians text too.
    Keyword(
        Meaning.STOP, "ro", frozenset({"stop", "dezabonare", "dezabonează", "dezaboneaza"}), shown="stop"
    ),
    Keyword(Meaning.START, "ro", frozenset({"start", "pornește", "porneste"}), shown="start"),
    Keyword(Meaning.HELP, "ro", frozenset({"ajutor"}), shown="ajutor"),
    Keyword(Meaning.EXIT, "ro", frozenset({"ieșire", "iesire"}), shown="ieșire"),
    Keyword(Meaning.WEB, "ro", frozenset({"web", "site"}), shown="web"),
    # Simplified Chinese: 退订 and TD are how Chinese services are unsubscribed from by text.
    Keyword(Meaning.STOP, "zh", frozenset({"退订", "停止", "td"}), shown="退订"),
    Keyword(Meaning.START, "zh", frozenset({"开始"}), shown="开始"),
    Keyword(Meaning.HELP, "zh", frozenset({"帮助"}), shown="帮助"),
    Keyword(Meaning.EXIT, "zh", frozenset({"退出", "清除"}), shown="退出"),
    Keyword(Meaning.WEB, "zh", frozenset({"网页", "网站"}), shown="网页"),
)
# STOP's English words are Twilio's own list: Twilio opts the number out on them whatever we do.
# The other languages' stop words are ours alone: inbound.py opts the number out on them the same way.
#
# HELP in each language is the noun ("pomoc", "допомога", "مساعدة", "ajutor", "帮助"), answered
# with the help text: a one-word text carries nothing the assistant could act on, and the help
# text answers it as the assistant would (say what worries you; in danger, call 999), at once and
# in their language, even when the assistant is down. Cries for rescue ("pomocy", "ratunku",
# "допоможіть", "рятуйте", "ساعدوني", "النجدة", "救命") are not control words: they go to the
# assistant, whose safety check reads them. (Romanian "ajutor!" is also a cry, as English "help!"
# is; the help text's 999 answers that.)
#
# A word shared by languages ("stop", "start", "web") is read in the conversation's language
# first, then English; a word of one language only answers in that language (see `read`).


def read(body: str, lang: str = "en") -> Keyword | None:
    """The table's entry when a whole text is just a control word ("Stop.", "HELP!", "退订。"),
    or None. A word in several languages' entries is read as `lang`'s, then English, so that
    a shared word ("stop") does not switch the family's language."""
    word = unicodedata.normalize("NFC", body).strip().lower().strip(" .!。！")
    found = [keyword for keyword in KEYWORDS if word in keyword.words]
    return next((k for k in found if k.lang == lang), None) or next(
        (k for k in found if k.lang == "en"), found[0] if found else None
    )


def meaning_of(body: str) -> Meaning | None:
    """What a whole text means when it is just a control word, or None."""
    keyword = read(body)
    return keyword.meaning if keyword else None


def shown_word(meaning: Meaning, lang: str) -> str:
    """The word to name for `meaning` in a reply in `lang` (upper case, as texts name them):
    the language's own when the table has one, else the English."""
    entries = [k for k in KEYWORDS if k.meaning is meaning and k.words]
    chosen = next((k for k in entries if k.lang == lang), None) or next(k for k in entries if k.lang == "en")
    return (chosen.shown or min(chosen.words)).upper()


def words_for(meaning: Meaning) -> frozenset[str]:
    """Every word for `meaning`, in every language."""
    return frozenset(word for keyword in KEYWORDS if keyword.meaning is meaning for word in keyword.words)


def pattern_for(meaning: Meaning) -> str:
    """A regular-expression alternation of the words for `meaning` (longest first), for the
    control words that come before something: a code or a reference."""
    return "|".join(re.escape(word) for word in sorted(words_for(meaning), key=lambda w: (-len(w), w)))
