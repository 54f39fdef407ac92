"""The referral form's questions, as one table: each step says how it is asked, how an
answer is read, its hint, how it is summarised, whether it can be skipped, what it makes
stale and when it applies.

The engine (form.py) only loops over STEPS, so adding a question is one new entry here.
Every wording is a gettext msgid shared with the six catalogues in translations/: change
one and every language loses it until it is translated again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel import Locale
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.data.models import utcnow
from portal.services.reading import phone
from portal.services.referrals import answers as read
from portal.services.referrals import questions
from portal.services.referrals.consent import keep, wording
from portal.services.referrals.questions import Answers, Asker
from portal.services.referrals.replies import PREFIX
from portal.taxonomy import AGE_BANDS_BY_KEY, NEEDS_BY_KEY

YOUNGEST_SELF_REFERRAL = 13  # DESIGN.md: 13 or over may ask for themselves
MAX_WORDS = 2000


class NotUnderstood(ValueError):
    """The answer could not be read: the question is asked again with its hint."""


def _buttons_only(text: str, answers: Answers) -> Any:
    raise NotUnderstood


def _as_sent(value: str) -> Any:
    return value


def _always(answers: Answers) -> bool:
    return True


def sorry(answers: Answers) -> str:
    return gettext("Sorry, I didn't understand. Please answer yes or no, or use the buttons.")


@dataclass(frozen=True)
class Step:
    """One question of the form. Only `key`, `ask`, `label` and `show` must be given."""

    key: str
    ask: Asker  # its wording and choices (questions.py)
    label: Any  # a lazy msgid: the line's name on "check your answers" and on its Change button
    show: Callable[[Any, str], str]  # (the answer, lang): how it reads on "check your answers"
    read: Callable[[str, Answers], Any] = _buttons_only  # a typed answer; raises NotUnderstood
    from_button: Callable[[str], Any] = _as_sent  # the value a button of this step carries
    hint: Callable[[Answers], str] = sorry  # said before asking again when not understood
    skippable: bool = False
    skip_by_words: bool = True  # a typed "skip" skips too (not where "nothing" may be the answer)
    clears: tuple[str, ...] = ()  # later answers made stale when this one is changed
    applies: Callable[[Answers], bool] = _always
    changeable: bool = True  # offered as "Change" on "check your answers"
    # A step with a small loop of its own: True once settled (it stores its own answer).
    converse: Callable[[str, Answers], bool] | None = None
    on_change: Callable[[Answers], None] | None = None  # made ready to be asked again
    ends: Callable[[Any], str | None] | None = None  # why the form ends on this answer, if it does
    after: Callable[[Answers, str], None] | None = None  # what else is kept with the answer


# How answers are read.


def _understood(value: Any) -> Any:
    if value is None:
        raise NotUnderstood
    return value


def _reading(reader: Callable[[str], Any]) -> Callable[[str, Answers], Any]:
    """A reader from answers.py, where None means it could not tell."""
    return lambda text, answers: _understood(reader(text))


def _read_contact_detail(text: str, answers: Answers) -> Any:
    if answers.get("contact_method") == "email":
        return _understood(read.email_from_text(text))
    return _understood(read.phone_from_text(text))


def _read_interpreter(text: str, answers: Answers) -> Any:
    if read.is_yes(text) is False:
        return None  # no interpreter wanted: an answer, not a misunderstanding
    return _understood(read.language_from_text(text))


def _is_yes_button(value: str) -> bool:
    return value == "yes"


def settle_needs(text: str, answers: Answers) -> bool:
    """The needs question's own loop: confirm the suggestion, or pick one at a time then Done."""
    value = text.removeprefix(f"{PREFIX}needs:") if text.startswith(f"{PREFIX}needs:") else None
    if value is None and read.is_yes(text) and answers.get("_suggested") and answers.get("_picking") is None:
        value = "ok"
    if value == "ok" and answers.get("_suggested"):
        answers["needs"] = list(answers["_suggested"])
        answers.pop("_picking", None)
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


def _pick_needs_again(answers: Answers) -> None:
    answers["_suggested"] = answers.get("_suggested") or []
    answers["_picking"] = []


# Hints and what the summary shows.


def _says(text: Any) -> Callable[[Answers], str]:
    return lambda answers: str(text)


def _contact_detail_hint(answers: Answers) -> str:
    if answers.get("contact_method") == "email":
        return gettext("That doesn't look like an email address. Please check it.")
    return gettext("That doesn't look like a phone number. Please write it like this: 07700 900123.")


def _show_contact_detail(value: Any, lang: str) -> str:
    """A number as people write it ("07700 900123", however it is stored); an email as given."""
    if not value:
        return ""
    return value if "@" in value else phone.national(value)


def _or_not_given(text: str) -> str:
    return text or gettext("Not given")


def _yes_no(value: Any, lang: str) -> str:
    return gettext("Yes") if value else gettext("No")


def _show_words(value: Any, lang: str) -> str:
    words = value or ""
    return (words[:160] + "…") if len(words) > 160 else _or_not_given(words)


def _show_interpreter(value: Any, lang: str) -> str:
    name = Locale.parse(lang).languages.get(value, value) if value else ""
    return name or gettext("No")


# What else an answer means.


def _too_young(value: Any) -> str | None:
    return "too_young" if isinstance(value, int) and value < YOUNGEST_SELF_REFERRAL else None


def _refused(value: Any) -> str | None:
    return "refused" if value is False else None


def _record_consent(answers: Answers, lang: str) -> None:
    """A consent record proves which wording, in which language, was agreed to and when."""
    shown = wording(lang)
    if shown is not None:
        keep(shown)  # the exact words, kept before the agreement to them is recorded
    answers["_wording_version"] = shown.version if shown else ""
    answers["_consent_at"] = utcnow().isoformat()
    answers["_lang"] = lang


def _about(who: str) -> Callable[[Answers], bool]:
    return lambda answers: answers.get("about") == who


STEPS: tuple[Step, ...] = (
    Step(
        "about",
        ask=questions.fixed(
            _l("Who would you like help for?"),
            ("children", _l("My child or children")),
            ("self", _l("Myself (I'm a young person)")),
        ),
        read=_reading(read.about_from_text),
        hint=_says(_l("Please choose one of the options.")),
        label=_l("Who it is for"),
        show=lambda value, lang: gettext("Myself") if value == "self" else gettext("My child or children"),
        clears=("own_age", "ages", "names", "consent_front_door"),
    ),
    Step(
        "own_age",
        ask=questions.fixed(_l("How old are you?")),
        read=_reading(read.years_from_text),
        hint=_says(_l("Please write your age as a number, for example: 15.")),
        label=_l("Your age"),
        show=lambda value, lang: str(value),
        applies=_about("self"),
        ends=_too_young,
    ),
    Step(
        "ages",
        ask=questions.ages,
        read=_reading(read.age_bands_from_text),
        from_button=lambda value: [value] if value in AGE_BANDS_BY_KEY else None,
        hint=_says(_l("Please write their ages as numbers, for example: 2 and 7.")),
        label=_l("Ages"),
        show=lambda value, lang: _or_not_given(
            ", ".join(str(AGE_BANDS_BY_KEY[b].label) for b in value or ())
        ),
        skippable=True,
        applies=_about("children"),
    ),
    Step(
        "names",
        ask=questions.fixed(_l("Would you like to tell us their first names? You don't have to.")),
        read=lambda text, answers: _understood(read.names_from_text(text) or None),
        label=_l("Names"),
        show=lambda value, lang: _or_not_given(", ".join(value or [])),
        skippable=True,
        applies=_about("children"),
    ),
    Step(
        "words",
        ask=questions.fixed(
            _l(
                "In your own words, what is happening? Write as much or as little as you like. "
                "A worker will read exactly what you write."
            )
        ),
        read=lambda text, answers: text.strip()[:MAX_WORDS],
        label=_l("In your words"),
        show=_show_words,
        skippable=True,
        skip_by_words=False,  # "nothing" may be what they want to say
    ),
    Step(
        "needs",
        ask=questions.needs,
        converse=settle_needs,
        on_change=_pick_needs_again,
        label=_l("What it is about"),
        show=lambda value, lang: _or_not_given(questions.need_labels(value or [])),
    ),
    Step(
        "contact_method",
        ask=questions.contact_method,
        read=_reading(read.contact_method_from_text),
        hint=_says(_l("Please choose phone call, text message or email.")),
        label=_l("How to contact you"),
        show=lambda value, lang: questions.methods().get(value, ""),
        clears=("contact_detail", "safe_to_message"),
    ),
    Step(
        "contact_detail",
        ask=questions.contact_detail,
        read=_read_contact_detail,
        hint=_contact_detail_hint,
        label=_l("Number or email"),
        show=_show_contact_detail,
    ),
    Step(
        "contact_times",
        ask=questions.contact_times,
        # (A time chosen by button is kept as its English word, for the English staff pages.)
        read=lambda text, answers: text.strip()[:200],
        label=_l("Good times"),
        show=lambda value, lang: value or gettext("Any time"),
        skippable=True,
    ),
    Step(
        "safe_to_message",
        ask=questions.safe_to_message,
        read=_reading(read.is_yes),
        from_button=_is_yes_button,
        label=_l("Safe to leave a message"),
        show=_yes_no,
    ),
    Step(
        "interpreter",
        ask=questions.interpreter,
        read=_read_interpreter,
        from_button=lambda value: None if value == "no" else value,
        hint=_says(_l("Please write the language's name, for example: Polish, or say no.")),
        label=_l("Interpreter"),
        show=_show_interpreter,
        skippable=True,
    ),
    Step(
        "area",
        ask=questions.area,
        read=_reading(read.area_or_postcode_from_text),
        hint=_says(_l("Please choose an area, or write your postcode, for example: CH41 5LH.")),
        label=_l("Area or postcode"),
        show=lambda value, lang: _or_not_given(value),
        skippable=True,
    ),
    Step(
        "consent_front_door",
        ask=questions.consent("front_door"),
        read=_reading(read.is_yes),
        from_button=_is_yes_button,
        label=_l("Send to the front door"),
        show=_yes_no,
        changeable=False,  # "check your answers" itself asks it again: "Send this to the front door?"
        ends=_refused,
        after=_record_consent,
    ),
    Step(
        "consent_partners",
        ask=questions.consent("partners"),
        read=_reading(read.is_yes),
        from_button=_is_yes_button,
        label=_l("Front door may share with other services"),
        show=_yes_no,
    ),
)


# Both read STEPS when called (not when imported), so a test can add a step to the table.


def find(key: str) -> Step | None:
    return next((step for step in STEPS if step.key == key), None)


def applicable(answers: Answers) -> list[Step]:
    """The steps that apply, in order, given what is answered so far."""
    return [step for step in STEPS if step.applies(answers)]
