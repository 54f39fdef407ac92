"""Never silent: every message gets at least one reply, at every step, on the web and by SMS.

A property test with the real Rasa and action server: Hypothesis writes what
families type at a question — towns, ages in words in six languages, emoji,
"idk", digits, stray punctuation, invisible characters, short random text —
and sends it at each step of a conversation (first message, the age question,
the area question, inside the referral form, after a safety reply). No turn,
setup turns included, may come back without a reply.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.services.referrals import form as referral_form
from tests.support.phone import LivePhone
from tests.support.stack import LivePortal

pytestmark = pytest.mark.e2e

TYPED = [
    # towns and areas, as families write them
    "Birkenhead",
    "birkenhead",
    "Wallasey",
    "new brighton",
    "Moreton",
    "Hoylake",
    "West Kirby",
    "heswall",
    "Bebington",
    "bromborough",
    "CH41",
    "ch46 2ab",
    "بيركنهيد",
    "Біркенгед",
    "伯肯黑德",
    "Liverpool",
    "wirral",
    # ages in words, six languages
    "he's nine",
    "she is 7",
    "nine",
    "13",
    "7",
    "2",
    "4 and 9",
    "dziewięć",
    "ma 7 lat",
    "عمره تسع سنين",
    "تسعة",
    "дев'ять",
    "йому 12 років",
    "nouă",
    "are 10 ani",
    "九岁",
    "孩子七岁",
    "six months",
    "pregnant",
    # not sure, emoji, digits, stray marks
    "idk",
    "dunno",
    "not sure",
    "nie wiem",
    "لا أعرف",
    "не знаю",
    "nu știu",
    "不知道",
    "skip",
    "no",
    "yes",
    "👍",
    "😭😭",
    "🙏",
    "?",
    "...",
    "ok",
    "k",
    "1",
    "9",
    "42",
    "0",
    "hmm",
    "\u200b",
    ".",
    "!!!",
    "help",
    "what",
    "sorry",
    "thanks",
    "hi",
    "cześć",
    "مرحبا",
    "привіт",
    "salut",
    "你好",
]
typed = st.one_of(
    st.sampled_from(TYPED),
    st.text(min_size=1, max_size=24).filter(lambda s: s.strip() != ""),
)
NEED = {
    "en": "my son won't go to school",
    "pl": "mój syn nie chce chodzić do szkoły",
    "ar": "ابني ما بدو يروح عالمدرسة",
    "uk": "мій син не хоче ходити до школи",
    "ro": "fiul meu nu vrea să meargă la școală",
    "zh": "我儿子不想去上学",
}


class Web:
    def __init__(self, portal: LivePortal, lang: str) -> None:
        self.portal, self.lang, self.session = portal, lang, secrets.token_urlsafe(18)

    def say(self, text: str) -> list[str]:
        answer = requests.post(
            f"{self.portal.url}/api/chat",
            json={"session": self.session, "message": text, "lang": self.lang},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return [reply["text"] for reply in body["replies"] if reply["text"].strip()]


class Sms:
    def __init__(self, portal: LivePortal, lang: str) -> None:
        self.phone = LivePhone(portal)

    def say(self, text: str) -> list[str]:
        return [t for t in self.phone.text(text) if t.strip()]


def _setup(step: str, person: Web | Sms, lang: str) -> None:
    """Bring the conversation to the step; every setup turn must be answered too."""
    turns = {
        "first message": [],
        "age question": [NEED[lang]],
        "area question": [NEED[lang], "9"],
        "referral form": [referral_form.START] if isinstance(person, Web) else [NEED[lang], "9", "skip"],
        "after a safety reply": ["my baby is not breathing"],
    }[step]
    for text in turns:
        assert person.say(text), f"no reply to setup turn {text!r} ({step})"


STEPS = ("first message", "age question", "area question", "referral form", "after a safety reply")
CHANNELS: dict[str, Callable[[LivePortal, str], Web | Sms]] = {"web": Web, "sms": Sms}
TURNS_PER_CONVERSATION = 3
# 2 channels x 5 steps x 70 conversations x 3 typed turns = 2,100 generated turns.
CONVERSATIONS_PER_STEP = 70


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("step", STEPS)
def test_no_turn_goes_unanswered(live_portal: LivePortal, channel: str, step: str) -> None:
    @settings(
        max_examples=CONVERSATIONS_PER_STEP,
        deadline=None,
        database=None,
        derandomize=True,  # the same 2,100 turns on every run: CI must not pass or fail by chance
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        lang=st.sampled_from(sorted(NEED)),
        messages=st.lists(typed, min_size=TURNS_PER_CONVERSATION, max_size=TURNS_PER_CONVERSATION),
    )
    def conversation(lang: str, messages: list[str]) -> None:
        person = CHANNELS[channel](live_portal, lang)
        _setup(step, person, lang)
        for text in messages:
            assert person.say(text), f"no reply to {text!r} at the {step} ({channel}, {lang})"

    conversation()
