"""The assistant's referral form: one question at a time, then consent, then
"check your answers", then the submission.

The portal asks these questions itself (not Rasa) so the same wording, the
same six languages and the same rules serve the web chat and SMS, and so the
family's details live in one place only — the draft — which is deleted when
they say no, stop or leave. Rasa decides when to offer the form; the action
server sends the finished referral (services/conversation/gateway.py, bot/actions).

This is the engine only: the questions themselves are the table in steps.py,
and "check your answers" is summary.py, so a new question is one entry there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext

from portal.data import draft_store
from portal.data.models import ReferralDraft
from portal.i18n import LANGUAGES
from portal.services.content.contacts import current_contacts
from portal.services.referrals import answers as read
from portal.services.referrals import steps as table
from portal.services.referrals.questions import TIMES
from portal.services.referrals.replies import (
    CHANGE,
    PREFIX,
    SEND,
    SKIP,
    START,
    STOP,
    FormReply,
    button,
    choice,
)
from portal.services.referrals.steps import (
    MAX_WORDS,
    YOUNGEST_SELF_REFERRAL,
    NotUnderstood,
    Step,
    applicable,
    find,
)
from portal.services.referrals.summary import check_answers, summary_lines
from portal.taxonomy import AGE_BANDS_BY_KEY, AREAS, NEEDS_BY_KEY

# What other modules use (some of it lives in the modules the form is built from).
__all__ = [
    "CHANGE",
    "MAX_WORDS",
    "PREFIX",
    "SEND",
    "SKIP",
    "START",
    "STOP",
    "TIMES",
    "YOUNGEST_SELF_REFERRAL",
    "FormReply",
    "FormTurn",
    "NotUnderstood",
    "begin",
    "check_answers",
    "ending",
    "handle",
    "is_form_message",
    "next_step",
    "open_question",
    "payload_from",
    "public_link",
    "question",
    "steps_for",
    "summary_lines",
]


@dataclass
class FormTurn:
    replies: list[FormReply]
    submit: bool = False  # the family said "send": hand the draft to the action server
    notice: str | None = None  # "hint", or how it ended: "stopped", "refused", "too_young"


def is_form_message(text: str) -> bool:
    return text.startswith(PREFIX)


def steps_for(answers: dict[str, Any]) -> list[str]:
    """The questions that apply, in order, given what is answered so far."""
    return [step.key for step in applicable(answers)]


def next_step(answers: dict[str, Any]) -> str:
    return next((step for step in steps_for(answers) if step not in answers), "check")


def question(step: str, answers: dict[str, Any], lang: str, channel: str = "web") -> FormReply:
    """The question for `step`, in `lang`, with its choices, then Skip (if it can be skipped)
    and Stop; "check your answers" once every question is answered."""
    found = find(step)
    if found is None:
        return check_answers(answers, lang)
    with force_locale(lang):
        prompt = found.ask(answers, lang, channel)
        extras = [button(gettext("Skip this question"), SKIP)] if found.skippable else []
        return FormReply(
            prompt.text,
            [
                *(choice(step, value, title) for value, title in prompt.choices),
                *extras,
                button(gettext("Stop and delete my answers"), STOP),
            ],
        )


def begin(conversation_key: str, lang: str, triage: dict[str, Any], channel: str = "web") -> FormTurn:
    """Start the form, with what triage already knows filled in and not asked again.

    The child's age band, the area and the family's own words from the conversation
    become answers (shown on "check your answers", where each can be changed).
    """
    answers: dict[str, Any] = {}
    needs = [need for need in triage.get("needs") or [] if need in NEEDS_BY_KEY]
    if needs:
        answers["_suggested"] = needs
    if (band := triage.get("age_band")) in AGE_BANDS_BY_KEY:
        answers["_age_band"] = band
        answers["ages"] = [band]
    if (area := triage.get("area")) in AREAS[:4]:
        answers["_area"] = area
        answers["area"] = area
    if isinstance(words := triage.get("worry_words"), str) and words.strip():
        answers["words"] = words.strip()[:MAX_WORDS]
    draft = draft_store.start(conversation_key, "about", answers)
    with force_locale(lang):
        intro = FormReply(
            gettext(
                "I'll ask a few questions, one at a time. You can skip most of them, and nothing is sent "
                "until you have checked your answers and said yes."
            )
        )
    return FormTurn([intro, question(draft.step, answers, lang, channel)])


def _front_door_line(lang: str) -> str:
    front_door = current_contacts().get("front_door")
    return gettext(
        "You can call the Early Help front door on %(phone)s (%(hours)s). If anyone is in danger, call 999.",
        phone=front_door.phone if front_door else "",
        hours=front_door.hours if front_door else "",
    )


def _ended(draft: ReferralDraft, lang: str, why: str) -> FormTurn:
    draft_store.forget(draft)
    return FormTurn([FormReply(text) for text in ending(why, lang)], notice=why)


def ending(why: str, lang: str) -> list[str]:
    """What the family is told when the form ends without sending ("stopped", "refused", "too_young")."""
    with force_locale(lang):
        if why == "refused":
            toolbox = public_link(lang, "/needs")
            text = gettext(
                "That's fine. Nothing you told me for the request has been kept. "
                "You can still find self-help guides at %(link)s.",
                link=toolbox,
            )
        elif why == "too_young":
            text = gettext(
                "Thank you for telling me. To ask the front door for help, someone under 13 needs an adult "
                "to ask with them, like a parent, carer or teacher. You can talk to Childline for free, any "
                "time, on 0800 1111. Nothing you told me for the request has been kept."
            )
        else:
            text = gettext("OK, I've stopped and deleted your answers.")
        return [text, _front_door_line(lang)]


def open_question(draft: ReferralDraft, lang: str, notice: str | None) -> list[FormReply]:
    """The form's current question (with the hint, if the last answer was not understood),
    for the chat page without JavaScript, which cannot keep the last reply itself."""
    answers = draft.answers or {}
    replies = [question(draft.step, answers, lang)]
    if notice == "hint" and draft.step not in ("check", "sent"):
        with force_locale(lang):
            replies.insert(0, FormReply(_hint(draft.step, answers)))
    return replies


def public_link(lang: str, path: str) -> str:
    """A full link to a portal page in the family's language (chat and SMS show it as text)."""
    return f"{current_app.config.get('PUBLIC_URL', '').rstrip('/')}/{lang}{path}"


def _read_answer(step: Step, text: str, answers: dict[str, Any], lang: str, channel: str) -> Any:
    """The value of a typed (or button) answer for `step`; NotUnderstood if unclear.

    A button's payload is taken as the button only if this question offers that button now;
    anything else shaped like one ("/ref:own_age:12" typed by hand) is read with the same
    checks as typed words, so it cannot skip the under-13 ending or store a nonsense answer.
    """
    if text.startswith(f"{PREFIX}{step.key}:"):
        value = text.removeprefix(f"{PREFIX}{step.key}:")
        if text in _offered(step, answers, lang, channel):
            return step.from_button(value)
        return step.read(value, answers)
    if text.startswith(PREFIX):
        raise NotUnderstood  # a button from another question
    return step.read(text, answers)


def _offered(step: Step, answers: dict[str, Any], lang: str, channel: str) -> set[str]:
    return {button["payload"] for button in question(step.key, answers, lang, channel).buttons}


def _hint(key: str, answers: dict[str, Any]) -> str:
    step = find(key)
    return (step.hint if step else table.sorry)(answers)


def _skips(step: Step, text: str) -> bool:
    if not step.skippable:
        return False
    return text == SKIP or (step.skip_by_words and not text.startswith(PREFIX) and read.is_skip(text))


def _forget_what_no_longer_applies(answers: dict[str, Any]) -> None:
    """An answer can make others moot: a child's age from triage is not the young person's own."""
    for step in table.STEPS:
        if step.key in answers and not step.applies(answers):
            answers.pop(step.key)


def _change(draft: ReferralDraft, text: str, answers: dict[str, Any], lang: str, channel: str) -> FormTurn:
    """A Change button on "check your answers": that answer, and those it makes stale, are asked again."""
    step = find(text.removeprefix(CHANGE))
    if step is None or step.key not in steps_for(answers):
        return _not_sent_yet(answers, lang)
    for stale in (step.key, *step.clears):
        answers.pop(stale, None)
    if step.on_change is not None:
        step.on_change(answers)
    draft_store.save(draft, step.key, answers)
    return FormTurn([question(step.key, answers, lang, channel)])


def _not_sent_yet(answers: dict[str, Any], lang: str) -> FormTurn:
    return FormTurn(
        [FormReply(gettext("Please choose Send, or change an answer.")), check_answers(answers, lang)]
    )


def handle(draft: ReferralDraft, text: str, lang: str, channel: str = "web") -> FormTurn:
    """One answer to the form. The draft is saved before anything is shown."""
    answers = dict(draft.answers or {})
    key = draft.step
    with force_locale(lang):
        if text == STOP or read.is_stop(text):
            return _ended(draft, lang, "stopped")
        if key == "sent":
            return FormTurn([FormReply(gettext("Your request has already been sent."))])
        if key == "check":
            if text.startswith(CHANGE):
                return _change(draft, text, answers, lang, channel)
            if text == SEND or read.is_send(text):
                return FormTurn([], submit=True)
            return _not_sent_yet(answers, lang)
        step = find(key)
        try:
            if step is None:
                raise NotUnderstood
            if _skips(step, text):
                answers[key] = None
            elif step.converse is not None:
                if not step.converse(text, answers):
                    draft_store.save(draft, key, answers)
                    return FormTurn([question(key, answers, lang, channel)])
            else:
                answers[key] = _read_answer(step, text, answers, lang, channel)
        except NotUnderstood:
            return FormTurn(
                [FormReply(_hint(key, answers)), question(key, answers, lang, channel)], notice="hint"
            )
        _forget_what_no_longer_applies(answers)
        if step.ends is not None and (why := step.ends(answers.get(key))):
            return _ended(draft, lang, why)
        if step.after is not None:
            step.after(answers, lang)
        upcoming = next_step(answers)
        draft_store.save(draft, upcoming, answers)
        return FormTurn([question(upcoming, answers, lang, channel)])


def payload_from(draft: ReferralDraft, lang: str, channel: str) -> dict[str, Any]:
    """The referral as services.referrals.submit takes it."""
    answers = draft.answers or {}
    if answers.get("about") == "self":
        band = read.band_for_years(int(answers.get("own_age") or 0)) or "any"
        children: list[dict[str, Any]] = [{"age_band": band}]
    else:
        bands = list(answers.get("ages") or []) or (
            [answers["_age_band"]] if answers.get("_age_band") else []
        )
        names = list(answers.get("names") or [])
        children = [{"age_band": band} for band in bands]
        for index, name in enumerate(names):
            if index < len(children):
                children[index]["name"] = name
            else:
                children.append({"age_band": "any", "name": name})
    method = answers.get("contact_method")
    detail = answers.get("contact_detail") or ""
    area = answers.get("area") or answers.get("_area")
    return {
        "submission_key": draft.submission_key,
        # The language the consent was given in: its wording version belongs to it.
        "lang": answers.get("_lang") if answers.get("_lang") in LANGUAGES else lang,
        "channel": channel,
        "needs": answers.get("needs") or [],
        "children": children,
        "own_words": answers.get("words") or "",
        "contact": {
            "method": method,
            "phone": detail if method in ("phone", "text") else "",
            "email": detail if method == "email" else "",
            "times": answers.get("contact_times") or "any time",
            "safe_to_message": answers.get("safe_to_message") is True,
        },
        "interpreter_lang": answers.get("interpreter") or None,
        "area": area if area and area != "any" else None,
        "for_self": answers.get("about") == "self",
        "consent": {
            "wording_version": answers.get("_wording_version"),
            "share_with_front_door": answers.get("consent_front_door") is True,
            "share_with_partners": answers.get("consent_partners") is True,
            "own_consent": True if answers.get("about") == "self" else None,
            "given_at": answers.get("_consent_at"),
        },
    }
