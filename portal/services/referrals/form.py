"""The assistant's referral form: one question at a time, then consent, then
"check your answers", then the submission.

The portal asks these questions itself (not Rasa) so the same wording, the
same six languages and the same rules serve the web chat and SMS, and so the
family's details live in one place only — the draft — which is deleted when
they say no, stop or leave. Rasa decides when to offer the form; the action
server sends the finished referral (services/conversation/gateway.py, bot/actions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from flask import current_app
from flask_babel import force_locale, gettext

from portal.data import draft_store
from portal.data.models import ReferralDraft, utcnow
from portal.i18n import LANGUAGES
from portal.services.content.contacts import current_contacts
from portal.services.referrals import answers as read
from portal.services.referrals.consent import wording
from portal.taxonomy import AGE_BANDS, AGE_BANDS_BY_KEY, AREAS, NEEDS, NEEDS_BY_KEY

START = "/ref:start"
SEND = "/ref:send"
STOP = "/ref:stop"
SKIP = "/ref:skip"
CHANGE = "/ref:change:"
PREFIX = "/ref:"

YOUNGEST_SELF_REFERRAL = 13  # DESIGN.md: 13 or over may ask for themselves
MAX_WORDS = 2000
TIMES = ("mornings", "afternoons", "evenings", "any time")
SKIPPABLE = {"ages", "names", "words", "contact_times", "interpreter", "area"}
# Changing one answer makes these others stale (they are asked again).
DEPENDENTS = {
    "about": ("own_age", "ages", "names", "consent_front_door"),
    "contact_method": ("contact_detail", "safe_to_message"),
}


@dataclass
class FormReply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


@dataclass
class FormTurn:
    replies: list[FormReply]
    submit: bool = False  # the family said "send": hand the draft to the action server
    notice: str | None = None  # "hint", or how it ended: "stopped", "refused", "too_young"


def is_form_message(text: str) -> bool:
    return text.startswith(PREFIX)


def steps_for(answers: dict[str, Any]) -> list[str]:
    """The questions that apply, in order, given what is answered so far."""
    steps = ["about"]
    if answers.get("about") == "self":
        steps.append("own_age")
    elif answers.get("about") == "children":
        steps += ["ages", "names"]
    steps += ["words", "needs", "contact_method", "contact_detail", "contact_times", "safe_to_message"]
    steps += ["interpreter", "area", "consent_front_door", "consent_partners"]
    return steps


def next_step(answers: dict[str, Any]) -> str:
    return next((step for step in steps_for(answers) if step not in answers), "check")


def _button(title: str, payload: str) -> dict[str, str]:
    return {"title": title, "payload": payload}


def _choice(step: str, value: str, title: str) -> dict[str, str]:
    return _button(title, f"{PREFIX}{step}:{value}")


def _extras(step: str) -> list[dict[str, str]]:
    extras = [_button(gettext("Skip this question"), SKIP)] if step in SKIPPABLE else []
    return [*extras, _button(gettext("Stop and delete my answers"), STOP)]


def _need_labels(keys: list[str]) -> str:
    return ", ".join(str(NEEDS_BY_KEY[key].label) for key in keys if key in NEEDS_BY_KEY)


def question(step: str, answers: dict[str, Any], lang: str, channel: str = "web") -> FormReply:
    """The question for `step`, in `lang`, with its buttons (by text, a typed age must not be
    read as a numbered choice, so the age question offers none)."""
    with force_locale(lang):
        return _question(step, answers, lang, channel)


def _question(step: str, answers: dict[str, Any], lang: str, channel: str) -> FormReply:
    if step == "about":
        return FormReply(
            gettext("Who would you like help for?"),
            [
                _choice(step, "children", gettext("My child or children")),
                _choice(step, "self", gettext("Myself (I'm a young person)")),
                *_extras(step),
            ],
        )
    if step == "own_age":
        return FormReply(gettext("How old are you?"), _extras(step))
    if step == "ages":
        return FormReply(
            gettext("How old are the children? You can write all their ages, for example: 2 and 7."),
            [
                *(_choice(step, band.key, str(band.label)) for band in AGE_BANDS if channel != "sms"),
                *_extras(step),
            ],
        )
    if step == "names":
        return FormReply(
            gettext("Would you like to tell us their first names? You don't have to."), _extras(step)
        )
    if step == "words":
        return FormReply(
            gettext(
                "In your own words, what is happening? Write as much or as little as you like. "
                "A worker will read exactly what you write."
            ),
            _extras(step),
        )
    if step == "needs":
        picking = answers.get("_picking")
        if picking is not None or not answers.get("_suggested"):
            chosen = picking or []
            text = (
                gettext("Chosen so far: %(needs)s. Choose another, or Done.", needs=_need_labels(chosen))
                if chosen
                else gettext("What is it about? Choose one at a time, then Done.")
            )
            return FormReply(
                text,
                [
                    *(_choice(step, need.key, str(need.label)) for need in NEEDS if need.key not in chosen),
                    _choice(step, "done", gettext("Done")),
                    *_extras(step),
                ],
            )
        return FormReply(
            gettext(
                "From what you've told me, this is about: %(needs)s. Is that right?",
                needs=_need_labels(answers["_suggested"]),
            ),
            [
                _choice(step, "ok", gettext("Yes, that's right")),
                _choice(step, "change", gettext("Change")),
                *_extras(step),
            ],
        )
    if step == "contact_method":
        return FormReply(
            gettext("How would you like the front door to contact you?"),
            [
                _choice(step, "phone", gettext("Phone call")),
                _choice(step, "text", gettext("Text message")),
                _choice(step, "email", gettext("Email")),
                *_extras(step),
            ],
        )
    if step == "contact_detail":
        if answers.get("contact_method") == "email":
            return FormReply(gettext("What email address should they use?"), _extras(step))
        return FormReply(gettext("What phone number should they use?"), _extras(step))
    if step == "contact_times":
        labels = {
            "mornings": gettext("Mornings"),
            "afternoons": gettext("Afternoons"),
            "evenings": gettext("Evenings"),
            "any time": gettext("Any time"),
        }
        return FormReply(
            gettext("When is a good time to contact you? You can also write it, for example: after 3pm."),
            [*(_choice(step, key, labels[key]) for key in TIMES), *_extras(step)],
        )
    if step == "safe_to_message":
        method = answers.get("contact_method")
        if method == "email":
            text = gettext("Is it safe for the front door to email you at this address?")
        elif method == "text":
            text = gettext("Is it safe for the front door to send texts to this number?")
        else:
            text = gettext(
                "Is it safe for the front door to leave a voicemail or send a text to this number?"
            )
        return FormReply(
            text,
            [
                _choice(step, "yes", gettext("Yes, it's safe")),
                _choice(step, "no", gettext("No")),
                *_extras(step),
            ],
        )
    if step == "interpreter":
        own = [] if lang == "en" else [_choice(step, lang, gettext("Yes, in my language"))]
        return FormReply(
            gettext("Would you like an interpreter when they contact you? If so, in which language?"),
            [_choice(step, "no", gettext("No, thank you")), *own, *_extras(step)],
        )
    if step == "area":
        return FormReply(
            gettext("Which area do you live in? You can also write your postcode."),
            [*(_choice(step, area, area) for area in AREAS[:4]), *_extras(step)],
        )
    if step in ("consent_front_door", "consent_partners"):
        shown = wording(lang)
        if shown is None:  # pragma: no cover - every language has wording (a test checks)
            raise RuntimeError(f"no consent wording in {lang}")
        if step == "consent_partners":
            text = shown.partners
        else:
            text = shown.own if answers.get("about") == "self" else shown.front_door
        return FormReply(
            text,
            [
                _choice(step, "yes", gettext("Yes, I agree")),
                _choice(step, "no", gettext("No")),
                _button(gettext("Stop and delete my answers"), STOP),
            ],
        )
    return check_answers(answers, lang)


def _yes_no(value: Any) -> str:
    return gettext("Yes") if value else gettext("No")


def summary_lines(answers: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """(step, label, answer) for "check your answers"."""
    not_given = gettext("Not given")
    lines: list[tuple[str, str, str]] = []
    if answers.get("about") == "self":
        lines.append(("about", gettext("Who it is for"), gettext("Myself")))
        lines.append(("own_age", gettext("Your age"), str(answers.get("own_age"))))
    else:
        lines.append(("about", gettext("Who it is for"), gettext("My child or children")))
        ages = answers.get("ages") or []
        lines.append(
            ("ages", gettext("Ages"), ", ".join(str(AGE_BANDS_BY_KEY[b].label) for b in ages) or not_given)
        )
        lines.append(("names", gettext("Names"), ", ".join(answers.get("names") or []) or not_given))
    words = answers.get("words") or ""
    lines.append(
        ("words", gettext("In your words"), (words[:160] + "…") if len(words) > 160 else words or not_given)
    )
    lines.append(
        ("needs", gettext("What it is about"), _need_labels(answers.get("needs") or []) or not_given)
    )
    methods = {"phone": gettext("Phone call"), "text": gettext("Text message"), "email": gettext("Email")}
    lines.append(
        ("contact_method", gettext("How to contact you"), methods.get(answers.get("contact_method", ""), ""))
    )
    lines.append(("contact_detail", gettext("Number or email"), answers.get("contact_detail") or ""))
    lines.append(
        ("contact_times", gettext("Good times"), answers.get("contact_times") or gettext("Any time"))
    )
    lines.append(
        ("safe_to_message", gettext("Safe to leave a message"), _yes_no(answers.get("safe_to_message")))
    )
    interpreter = answers.get("interpreter")
    language_name = ""
    if interpreter:
        language_name = Locale.parse(lang).languages.get(interpreter, interpreter)
    lines.append(("interpreter", gettext("Interpreter"), language_name or gettext("No")))
    lines.append(("area", gettext("Area or postcode"), answers.get("area") or not_given))
    lines.append(
        ("consent_front_door", gettext("Send to the front door"), _yes_no(answers.get("consent_front_door")))
    )
    lines.append(
        (
            "consent_partners",
            gettext("Front door may share with other services"),
            _yes_no(answers.get("consent_partners")),
        )
    )
    return lines


def check_answers(answers: dict[str, Any], lang: str) -> FormReply:
    with force_locale(lang):
        lines = summary_lines(answers, lang)
        text = "\n".join(
            [
                gettext("Please check your answers:"),
                *(f"• {label}: {value}" for _, label, value in lines),
                gettext("Send this to the Early Help front door?"),
            ]
        )
        changes = [
            _button(gettext("Change: %(what)s", what=label), f"{CHANGE}{step}")
            for step, label, _ in lines
            if step not in ("consent_front_door",)
        ]
        return FormReply(
            text,
            # Not just "Send": the chat page's own button for a typed message is "Send".
            [
                _button(gettext("Send my request"), SEND),
                *changes,
                _button(gettext("Stop and delete my answers"), STOP),
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


class NotUnderstood(ValueError):
    pass


def _read_answer(step: str, text: str, answers: dict[str, Any]) -> Any:
    """The value of a typed (or button) answer for `step`; NotUnderstood if unclear."""
    if text.startswith(f"{PREFIX}{step}:"):
        value: Any = text.removeprefix(f"{PREFIX}{step}:")
        if step in ("safe_to_message", "consent_front_door", "consent_partners"):
            return value == "yes"
        if step == "ages":
            return [value] if value in AGE_BANDS_BY_KEY else None
        if step == "interpreter":
            return None if value == "no" else value
        return value
    if text.startswith(PREFIX):
        raise NotUnderstood
    if step == "about":
        value = read.about_from_text(text)
    elif step == "own_age":
        value = read.years_from_text(text)
    elif step == "ages":
        value = read.age_bands_from_text(text)
    elif step == "names":
        value = read.names_from_text(text) or None
    elif step == "words":
        value = text.strip()[:MAX_WORDS]
    elif step == "needs":
        value = "ok" if read.is_yes(text) else None
    elif step == "contact_method":
        value = read.contact_method_from_text(text)
    elif step == "contact_detail":
        if answers.get("contact_method") == "email":
            value = read.email_from_text(text)
        else:
            value = read.phone_from_text(text)
    elif step == "contact_times":
        value = text.strip()[:200]
    elif step in ("safe_to_message", "consent_front_door", "consent_partners"):
        value = read.is_yes(text)
    elif step == "interpreter":
        if read.is_yes(text) is False:
            return None
        value = read.language_from_text(text)
    elif step == "area":
        value = read.area_or_postcode_from_text(text)
    else:
        value = None
    if value is None:
        raise NotUnderstood
    return value


def _hint(step: str, answers: dict[str, Any]) -> str:
    hints = {
        "about": gettext("Please choose one of the options."),
        "own_age": gettext("Please write your age as a number, for example: 15."),
        "ages": gettext("Please write their ages as numbers, for example: 2 and 7."),
        "contact_method": gettext("Please choose phone call, text message or email."),
        "contact_detail": gettext("That doesn't look like an email address. Please check it.")
        if answers.get("contact_method") == "email"
        else gettext("That doesn't look like a phone number. Please write it like this: 07700 900123."),
        "interpreter": gettext("Please write the language's name, for example: Polish, or say no."),
        "area": gettext("Please choose an area, or write your postcode, for example: CH41 5LH."),
    }
    return hints.get(
        step, gettext("Sorry, I didn't understand. Please answer yes or no, or use the buttons.")
    )


def _needs_answer(text: str, answers: dict[str, Any]) -> bool:
    """The needs question has its own small loop (confirm, or pick one at a time);
    True once the needs are settled."""
    value = text.removeprefix(f"{PREFIX}needs:") if text.startswith(f"{PREFIX}needs:") else None
    if value is None and read.is_yes(text) and answers.get("_suggested") and answers.get("_picking") is None:
        value = "ok"
    if value == "ok" and answers.get("_suggested"):
        answers["needs"] = list(answers["_suggested"])
        return True
    if value == "change":
        answers["_picking"] = []
        return False
    if value == "done":
        answers["needs"] = list(answers.pop("_picking", None) or answers.get("_suggested") or [])
        return True
    if value in NEEDS_BY_KEY:
        answers["_picking"] = [*(answers.get("_picking") or []), value]
        return False
    raise NotUnderstood


def handle(draft: ReferralDraft, text: str, lang: str, channel: str = "web") -> FormTurn:
    """One answer to the form. The draft is saved before anything is shown."""
    answers = dict(draft.answers or {})
    step = draft.step
    with force_locale(lang):
        if text == STOP or read.is_stop(text):
            return _ended(draft, lang, "stopped")
        if step == "sent":
            return FormTurn([FormReply(gettext("Your request has already been sent."))])
        if step == "check":
            if text.startswith(CHANGE) and text.removeprefix(CHANGE) in steps_for(answers):
                changing = text.removeprefix(CHANGE)
                for stale in (changing, *DEPENDENTS.get(changing, ())):
                    answers.pop(stale, None)
                if changing == "needs":
                    answers["_suggested"] = answers.get("_suggested") or []
                    answers["_picking"] = []
                draft_store.save(draft, changing, answers)
                return FormTurn([question(changing, answers, lang, channel)])
            if text == SEND or read.is_send(text):
                return FormTurn([], submit=True)
            return FormTurn(
                [FormReply(gettext("Please choose Send, or change an answer.")), check_answers(answers, lang)]
            )
        try:
            if (text == SKIP and step in SKIPPABLE) or (
                step in SKIPPABLE and not text.startswith(PREFIX) and step != "words" and read.is_skip(text)
            ):
                answers[step] = None
            elif step == "needs":
                if not _needs_answer(text, answers):
                    draft_store.save(draft, step, answers)
                    return FormTurn([question(step, answers, lang, channel)])
                answers.pop("_picking", None)
            else:
                # (A time chosen by button is kept as its English word, for the English staff pages.)
                answers[step] = _read_answer(step, text, answers)
        except NotUnderstood:
            return FormTurn(
                [FormReply(_hint(step, answers)), question(step, answers, lang, channel)], notice="hint"
            )
        if step == "about" and answers.get("about") == "self":
            answers.pop("ages", None)  # a child's age from triage is not the young person's own
        if (
            step == "own_age"
            and isinstance(answers.get("own_age"), int)
            and answers["own_age"] < YOUNGEST_SELF_REFERRAL
        ):
            return _ended(draft, lang, "too_young")
        if step == "consent_front_door" and answers.get("consent_front_door") is False:
            return _ended(draft, lang, "refused")
        if step == "consent_front_door":
            shown = wording(lang)
            answers["_wording_version"] = shown.version if shown else ""
            answers["_consent_at"] = utcnow().isoformat()
            answers["_lang"] = lang
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
