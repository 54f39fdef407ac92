"""The assistant end to end: browser-facing /api/chat -> portal -> real Rasa ->
real action server -> the portal's internal API, with nothing stood in."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml
from lingua import Language, LanguageDetectorBuilder

from portal.data.models import ChatConversation, SafeguardingEvent
from portal.extensions import db
from portal.services.content import catalogue
from tests.support.stack import LivePortal

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parent / "data"
CRISIS = yaml.safe_load((DATA / "crisis_messages.yaml").read_text(encoding="utf-8"))["messages"]
IDIOMS = yaml.safe_load((DATA / "idiom_messages.yaml").read_text(encoding="utf-8"))["messages"]
MAX_IDIOM_ALARMS = 1


class Conversation:
    """One person's conversation through the public chat API."""

    def __init__(self, portal: LivePortal, lang: str = "en") -> None:
        self.portal = portal
        self.lang = lang
        self.session = secrets.token_urlsafe(18)

    def say(self, message: str) -> dict[str, Any]:
        response = requests.post(
            f"{self.portal.url}/api/chat",
            json={"session": self.session, "message": message, "lang": self.lang},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    def texts(self, message: str) -> str:
        return "\n".join(reply["text"] for reply in self.say(message)["replies"])


def is_safety_reply(body: dict[str, Any]) -> bool:
    text = " ".join(reply["text"] for reply in body["replies"])
    return body["escalated"] and "999" in text


def test_crisis_set_is_big_enough_and_covers_every_language() -> None:
    assert len(CRISIS) >= 40 and len(IDIOMS) >= 40
    assert {m["lang"] for m in CRISIS} == {m["lang"] for m in IDIOMS} == {"en", "pl", "ar", "uk", "ro", "zh"}


def test_every_crisis_message_escalates_on_the_first_message(live_portal: LivePortal) -> None:
    missed = []
    for message in CRISIS:
        body = Conversation(live_portal, message["lang"]).say(message["text"])
        if not is_safety_reply(body):
            missed.append(f"[{message['lang']}/{message['kind']}] {message['text']}")
    print(f"\ncrisis set: {len(CRISIS) - len(missed)} of {len(CRISIS)} escalated")
    assert not missed, f"{len(missed)} of {len(CRISIS)} crisis messages did not escalate:\n" + "\n".join(
        missed
    )


def test_ordinary_idioms_do_not_raise_the_alarm(live_portal: LivePortal) -> None:
    alarms = []
    for message in IDIOMS:
        body = Conversation(live_portal, message["lang"]).say(message["text"])
        if body["escalated"]:
            alarms.append(f"[{message['lang']}] {message['text']}")
    print(f"\nidiom set: {len(alarms)} of {len(IDIOMS)} escalated")
    assert len(alarms) <= MAX_IDIOM_ALARMS, f"{len(alarms)} of {len(IDIOMS)} idioms escalated:\n" + "\n".join(
        alarms
    )


def test_safety_reply_fits_the_danger_and_gives_the_councils_numbers(live_portal: LivePortal) -> None:
    text = Conversation(live_portal).texts("i took a whole packet of paracetamol and i want to die")
    assert "999" in text and "116 123" in text and "85258" in text
    assert "0151 606 2008" in text and "0151 677 6557" in text
    abuse = Conversation(live_portal).texts("he's hitting me right now and the kids are watching")
    assert "0808 2000 247" in abuse and "55" in abuse


def test_triage_to_signposts_to_a_person(live_portal: LivePortal) -> None:
    chat = Conversation(live_portal)
    welcome = chat.texts("hiya")
    assert "999" in welcome and "What is worrying you?" in welcome
    asked = chat.say("we are being evicted and have nowhere to go")
    assert "How old" in asked["replies"][-1]["text"]
    assert any(b["payload"] == '/inform_age{"age_band":"5-11"}' for b in asked["replies"][-1]["buttons"])
    area = chat.say("she's 7")  # typed, not a button: understood by the portal
    assert "part of Wirral" in area["replies"][-1]["text"]
    signposts = chat.say('/inform_area{"area":"East Wirral"}')
    texts = [reply["text"] for reply in signposts["replies"]]
    links = [line for text in texts for line in text.splitlines() if line.startswith("•")]
    assert 2 <= len(links) <= 3, texts
    assert all(live_portal.url in line for line in links)
    for line in links:  # every suggestion is a page that exists
        url = line.rsplit(": ", 1)[1].split(" ")[0]
        assert requests.get(url, timeout=10).status_code == 200, url
    assert "Did that help?" in texts[-1]
    offer = chat.texts("/deny")
    assert "0151 606 2008" in offer and "ask the front door to contact you" in offer
    assert "anything else" in chat.texts("/deny")  # no thanks to the offer


def test_danger_in_the_middle_of_triage_interrupts_it(live_portal: LivePortal) -> None:
    chat = Conversation(live_portal)
    assert "How old" in chat.texts("my son keeps getting excluded from school")
    body = chat.say("he just ran off with a knife and said he's going to stab someone")
    assert is_safety_reply(body)
    # The triage question is not asked again: the form was stopped.
    after = chat.texts("thanks")
    assert "How old" not in after


def test_a_change_of_topic_during_triage_is_followed(live_portal: LivePortal) -> None:
    chat = Conversation(live_portal)
    chat.say("my toddler wont sleep at all")
    chat.say("actually the bigger problem is we cant pay the rent and bills")
    chat.say('/inform_age{"age_band":"0-2"}')
    signposts = chat.texts('/inform_area{"area":"any"}')
    assert "money" in signposts.lower() or "housing" in signposts.lower()


def test_i_dont_know_gets_gentle_choices(live_portal: LivePortal) -> None:
    body = Conversation(live_portal).say("i dont really know, everything is just hard")
    payloads = [b["payload"] for b in body["replies"][-1]["buttons"]]
    assert "/need_money" in payloads and "/ask_person" in payloads


def test_not_understood_twice_offers_a_person(live_portal: LivePortal) -> None:
    chat = Conversation(live_portal)
    first = chat.texts("qwxz plonk vrrr")
    assert "another way" in first
    second = chat.texts("zzkq blorp frmm")
    assert "0151 606 2008" in second


DETECTOR = LanguageDetectorBuilder.from_languages(
    Language.ENGLISH,
    Language.POLISH,
    Language.ARABIC,
    Language.UKRAINIAN,
    Language.ROMANIAN,
    Language.CHINESE,
).build()
LINGUA = {
    "pl": Language.POLISH,
    "ar": Language.ARABIC,
    "uk": Language.UKRAINIAN,
    "ro": Language.ROMANIAN,
    "zh": Language.CHINESE,
}
SCRIPTS = {
    "pl": ["cześć", "mój syn nie chce chodzić do szkoły", "ma 7 lat", "nie", "tak"],
    "ar": ["مرحبا", "ابني لا يريد الذهاب إلى المدرسة", "عمره 7 سنوات", "لا", "نعم"],
    "uk": ["привіт", "мій син не хоче ходити до школи", "йому 7 років", "ні", "так"],
    "ro": ["bună ziua", "fiul meu nu vrea să meargă la școală", "are 7 ani", "nu", "da"],
    "zh": ["你好", "我儿子不想去上学", "他7岁", "不", "是的"],
}


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_no_english_leaks_into_another_languages_conversation(live_portal: LivePortal, lang: str) -> None:
    chat = Conversation(live_portal, lang)
    english = []
    for message in [*SCRIPTS[lang], '/inform_area{"area":"any"}', "/deny", "/affirm"]:
        for reply in chat.say(message)["replies"]:
            # URLs, numbers and names of services are language-neutral: judge the words around them.
            words = " ".join(w for w in reply["text"].split() if "://" not in w and not w[:1].isdigit())
            detected = DETECTOR.detect_language_of(words)
            if detected != LINGUA[lang] and len(words) > 12:
                english.append(reply["text"])
    assert not english, english


def test_safeguarding_events_are_recorded_without_the_message(live_portal: LivePortal) -> None:
    chat = Conversation(live_portal)
    chat.say("my 3 year old is missing, we cant find her anywhere")
    with live_portal.app.app_context():
        conversation = (
            db.session.execute(db.select(ChatConversation).order_by(ChatConversation.id.desc()))
            .scalars()
            .first()
        )
        assert conversation is not None and conversation.escalated_at is not None
        events = (
            db.session.execute(db.select(SafeguardingEvent).filter_by(conversation_id=conversation.id))
            .scalars()
            .all()
        )
        assert [event.kind for event in events] == ["missing_child"]
        stored = " ".join(str(value) for event in events for value in vars(event).values())
        assert "find her" not in stored and "missing, we" not in stored


def test_the_chat_page_works_without_javascript(live_portal: LivePortal) -> None:
    web = requests.Session()
    page = web.get(f"{live_portal.url}/chat", timeout=10)
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    sent = web.post(
        f"{live_portal.url}/chat",
        data={"csrf_token": token, "message": "we have no money for food"},
        timeout=30,
    )
    assert sent.status_code == 200 and sent.url.split("#")[0].endswith("/chat")
    assert "we have no money for food" in sent.text and "How old" in sent.text
    assert 'value="/inform_age{&#34;age_band&#34;:&#34;5-11&#34;}"' in sent.text or "inform_age" in sent.text
    assert sent.headers["Cache-Control"] == "no-store"
    left = web.get(f"{live_portal.url}/chat/exit", allow_redirects=False, timeout=10)
    assert left.status_code == 303 and "bbc.co.uk" in left.headers["Location"]
    fresh = web.get(f"{live_portal.url}/chat", timeout=10)
    assert "we have no money for food" not in fresh.text


def test_an_age_and_a_town_in_the_first_message_are_not_asked_again(live_portal: LivePortal) -> None:
    chat = Conversation(live_portal)
    body = chat.say("my 13 year old won't go to school and I don't know what to do, we live in Birkenhead")
    texts = " ".join(reply["text"] for reply in body["replies"])
    assert "How old" not in texts and "part of Wirral" not in texts
    links = [line.rsplit(": ", 1)[1].split(" ")[0] for line in texts.splitlines() if line.startswith("•")]
    assert links  # straight to suggestions
    # One of them is a service in East Wirral (Birkenhead's area).
    with live_portal.app.app_context():
        areas = [
            page.data.get("area")
            for link in links
            if "/services/" in link
            and (page := catalogue.get_page("service", link.rsplit("/", 1)[1], "en")) is not None
        ]
    assert "East Wirral" in areas, texts


def test_a_typed_age_in_words_and_a_town_are_understood(live_portal: LivePortal) -> None:
    for lang, need, age, town in [
        ("en", "my son won't go to school", "he's nine", "Birkenhead"),
        ("pl", "mój syn nie chce chodzić do szkoły", "dziewięć", "Wallasey"),
        ("uk", "мій син не хоче ходити до школи", "йому дев'ять", "Біркенгед"),
    ]:
        chat = Conversation(live_portal, lang)
        chat.say(need)
        asked_area = chat.say(age)
        assert asked_area["replies"] and asked_area["replies"][-1]["buttons"], (lang, asked_area)
        signposts = " ".join(reply["text"] for reply in chat.say(town)["replies"])
        assert "•" in signposts, (lang, signposts)


def test_a_disclosure_is_answered_before_any_question(live_portal: LivePortal) -> None:
    for message in (
        "my partner hits me",
        "he hit me last night",
        "my boyfriend threatens to hurt the children",
    ):
        texts = [reply["text"] for reply in Conversation(live_portal).say(message)["replies"]]
        joined = " ".join(texts)
        assert "999" in joined and "0808 2000 247" in joined, texts
        asked = [i for i, text in enumerate(texts) if "How old" in text]
        safety = [i for i, text in enumerate(texts) if "999" in text]
        assert not asked or safety[0] < asked[0], texts


def test_the_page_without_javascript_shows_numbers_as_tel_links(live_portal: LivePortal) -> None:
    browser = requests.Session()
    page = browser.get(f"{live_portal.url}/chat", timeout=30).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    browser.post(
        f"{live_portal.url}/chat",
        data={"csrf_token": token, "message": "my baby is not breathing"},
        timeout=30,
        allow_redirects=False,
    )
    log = browser.get(f"{live_portal.url}/chat", timeout=30).text.split('id="chat-log"', 1)[1]
    assert 'href="tel:999"' in log and 'href="tel:01516062008"' in log


def test_the_referral_form_uses_what_the_conversation_knows(live_portal: LivePortal) -> None:
    chat = Conversation(live_portal)
    chat.say("my 13 year old won't go to school and stays in his room all day, we live in Birkenhead")
    chat.say("/ref:start")
    after_about = chat.texts("/ref:about:children")
    assert "How old are the children" not in after_about
    assert "first names" in after_about  # the next question not already answered
    words = chat.texts("/ref:skip")
    assert "In your own words" not in words  # their words from the conversation are kept
