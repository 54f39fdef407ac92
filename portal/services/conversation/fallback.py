"""Never silent: what the assistant says when it has nothing to say.

Rasa sometimes answers a turn with nothing (an answer it cannot place in the
triage, a word it does not know). A family who is told nothing does not come
back, so the gateway fills any empty turn from here: a clear re-ask with the
choices for the question that is open, and after two turns in a row that it
could not answer, the offer of a person and the front door's numbers.
"""

from __future__ import annotations

from flask_babel import force_locale, gettext

from portal.services.content.contacts import council_numbers, current_contacts
from portal.services.referrals import form as referral_form
from portal.taxonomy import AGE_BANDS, AREAS

# After this many turns in a row without an answer, offer a person.
OFFER_PERSON_AFTER = 2
AGE_PAYLOAD = '/inform_age{{"age_band":"{}"}}'
AREA_PAYLOAD = '/inform_area{{"area":"{}"}}'
LOCAL_AREAS = tuple(area for area in AREAS if area not in {"Wirral-wide", "National"})


def re_ask(awaiting: str | None, misses: int, lang: str) -> tuple[str, list[dict[str, str]]]:
    """The reply (text and buttons) for a turn the assistant could not answer."""
    with force_locale(lang):
        if misses >= OFFER_PERSON_AFTER:
            return offer_person(lang)
        if awaiting == "age_band":
            return (
                gettext("Sorry, I didn't catch the child's age. Type it as a number, like 7, or choose one."),
                [{"title": str(band.label), "payload": AGE_PAYLOAD.format(band.key)} for band in AGE_BANDS]
                + [{"title": gettext("Skip this"), "payload": AGE_PAYLOAD.format("any")}],
            )
        if awaiting == "area":
            return (
                gettext(
                    "Sorry, I didn't recognise that place. Type your town, like Birkenhead or Wallasey, "
                    "or choose an area."
                ),
                [{"title": area, "payload": AREA_PAYLOAD.format(area)} for area in LOCAL_AREAS]
                + [{"title": gettext("Skip this"), "payload": AREA_PAYLOAD.format("any")}],
            )
        return (
            gettext(
                "Sorry, I'm not sure I understood. Could you tell me in a few words what's worrying you? "
                "Or choose to talk to a person."
            ),
            [{"title": gettext("Talk to a person"), "payload": "/ask_person"}],
        )


def offer_person(lang: str) -> tuple[str, list[dict[str, str]]]:
    with force_locale(lang):
        text = gettext(
            "I'm sorry, I'm not understanding. You can talk to a person at the council's Early Help front "
            "door on %(phone)s (%(hours)s), or the out-of-hours team on %(out_of_hours)s at any other time. "
            "Or I can ask the front door to contact you.",
            **council_numbers(current_contacts()),
        )
        return text, [{"title": gettext("Ask the front door to contact me"), "payload": referral_form.START}]
