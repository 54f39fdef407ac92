"""How the referral form's questions are asked: each returns the wording and the choices,
in the family's locale (the engine adds Skip and Stop, and turns choices into buttons).

Every wording is a gettext msgid shared with the six catalogues in translations/.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from flask_babel import gettext

from portal.services.referrals.consent import keep, wording
from portal.taxonomy import AGE_BANDS, AREAS, NEEDS, NEEDS_BY_KEY

Answers = dict[str, Any]
TIMES = ("mornings", "afternoons", "evenings", "any time")


class Prompt(NamedTuple):
    """A question's text and its choices as (value, title); the engine adds Skip and Stop."""

    text: str
    choices: Sequence[tuple[str, str]] = ()


Asker = Callable[[Answers, str, str], Prompt]  # (answers, lang, channel), under the family's locale


def fixed(text: Any, *choices: tuple[str, Any]) -> Asker:
    """A question whose wording and choices never change (lazy msgids, read in the family's locale)."""

    def ask(answers: Answers, lang: str, channel: str) -> Prompt:
        return Prompt(str(text), [(value, str(title)) for value, title in choices])

    return ask


def ages(answers: Answers, lang: str, channel: str) -> Prompt:
    """By text a typed age must not be read as a numbered choice, so SMS offers no bands."""
    return Prompt(
        gettext("How old are the children? You can write all their ages, for example: 2 and 7."),
        [(band.key, str(band.label)) for band in AGE_BANDS if channel != "sms"],
    )


def need_labels(keys: list[str]) -> str:
    return ", ".join(str(NEEDS_BY_KEY[key].label) for key in keys if key in NEEDS_BY_KEY)


def needs(answers: Answers, lang: str, channel: str) -> Prompt:
    picking = answers.get("_picking")
    if picking is not None or not answers.get("_suggested"):
        chosen = picking or []
        text = (
            gettext("Chosen so far: %(needs)s. Choose another, or Done.", needs=need_labels(chosen))
            if chosen
            else gettext("What is it about? Choose one at a time, then Done.")
        )
        choices = [(need.key, str(need.label)) for need in NEEDS if need.key not in chosen]
        return Prompt(text, [*choices, ("done", gettext("Done"))])
    return Prompt(
        gettext(
            "From what you've told me, this is about: %(needs)s. Is that right?",
            needs=need_labels(answers["_suggested"]),
        ),
        [("ok", gettext("Yes, that's right")), ("change", gettext("Change"))],
    )


def methods() -> dict[str, str]:
    return {"phone": gettext("Phone call"), "text": gettext("Text message"), "email": gettext("Email")}


def contact_method(answers: Answers, lang: str, channel: str) -> Prompt:
    return Prompt(gettext("How would you like the front door to contact you?"), list(methods().items()))


def contact_detail(answers: Answers, lang: str, channel: str) -> Prompt:
    if answers.get("contact_method") == "email":
        return Prompt(gettext("What email address should they use?"))
    return Prompt(gettext("What phone number should they use?"))


def contact_times(answers: Answers, lang: str, channel: str) -> Prompt:
    labels = {
        "mornings": gettext("Mornings"),
        "afternoons": gettext("Afternoons"),
        "evenings": gettext("Evenings"),
        "any time": gettext("Any time"),
    }
    return Prompt(
        gettext("When is a good time to contact you? You can also write it, for example: after 3pm."),
        [(key, labels[key]) for key in TIMES],
    )


def safe_to_message(answers: Answers, lang: str, channel: str) -> Prompt:
    method = answers.get("contact_method")
    if method == "email":
        text = gettext("Is it safe for the front door to email you at this address?")
    elif method == "text":
        text = gettext("Is it safe for the front door to send texts to this number?")
    else:
        text = gettext("Is it safe for the front door to leave a voicemail or send a text to this number?")
    return Prompt(text, [("yes", gettext("Yes, it's safe")), ("no", gettext("No"))])


def interpreter(answers: Answers, lang: str, channel: str) -> Prompt:
    own = [] if lang == "en" else [(lang, gettext("Yes, in my language"))]
    return Prompt(
        gettext("Would you like an interpreter when they contact you? If so, in which language?"),
        [("no", gettext("No, thank you")), *own],
    )


def area(answers: Answers, lang: str, channel: str) -> Prompt:
    return Prompt(
        gettext("Which area do you live in? You can also write your postcode."),
        [(name, name) for name in AREAS[:4]],
    )


def consent(which: str) -> Asker:
    """The consent wording comes from content (editors change it), not the catalogues."""

    def ask(answers: Answers, lang: str, channel: str) -> Prompt:
        shown = wording(lang)
        if shown is None:  # pragma: no cover - every language has wording (a test checks)
            raise RuntimeError(f"no consent wording in {lang}")
        keep(shown)  # every wording ever shown is kept, before anyone can answer it
        if which == "partners":
            text = shown.partners
        else:
            text = shown.own if answers.get("about") == "self" else shown.front_door
        return Prompt(text, [("yes", gettext("Yes, I agree")), ("no", gettext("No"))])

    return ask
