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
    words: frozenset[str]  # lower case, as read by meaning_of


KEYWORDS: tuple[Keyword, ...] = (
    Keyword(Meaning.STOP, "en", frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})),
    Keyword(Meaning.START, "en", frozenset({"start", "unstop", "yes"})),
    Keyword(Meaning.HELP, "en", frozenset({"help", "info"})),
    Keyword(Meaning.EXIT, "en", frozenset({"exit"})),
    Keyword(Meaning.WEB, "en", frozenset({"web"})),
    Keyword(Meaning.CODE, "en", frozenset({"code"})),
    Keyword(Meaning.WITHDRAW, "en", frozenset({"withdraw"})),
)
# STOP's English words are Twilio's own list: Twilio opts the number out on them whatever we do.


def meaning_of(body: str) -> Meaning | None:
    """What a whole text means when it is just a control word ("Stop.", "HELP!"), or None."""
    word = body.strip().lower().strip(" .!")
    return next((keyword.meaning for keyword in KEYWORDS if word in keyword.words), None)


def words_for(meaning: Meaning) -> frozenset[str]:
    """Every word for `meaning`, in every language."""
    return frozenset(word for keyword in KEYWORDS if keyword.meaning is meaning for word in keyword.words)


def pattern_for(meaning: Meaning) -> str:
    """A regular-expression alternation of the words for `meaning` (longest first), for the
    control words that come before something: a code or a reference."""
    return "|".join(re.escape(word) for word in sorted(words_for(meaning), key=lambda w: (-len(w), w)))
