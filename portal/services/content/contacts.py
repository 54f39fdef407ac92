"""The phone numbers people are given, from content, in the reader's words.

One source of truth: content/site/contacts.yaml, loaded into the database.
Labels and opening hours are rendered in the reader's language here (day and
time names come from the CLDR data in Babel, so nothing is hand-translated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

import yaml
from babel.dates import format_time, get_day_names
from flask import current_app, g
from flask_babel import get_locale, gettext, lazy_gettext
from sqlalchemy.exc import SQLAlchemyError

from portal.data import content_store
from portal.extensions import db

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PURPOSE_LABELS = {
    "emergency": lazy_gettext("A child or adult is in danger now"),
    "front_door": lazy_gettext("Ask the Early Help front door for help"),
    "out_of_hours": lazy_gettext("Urgent worries about a child when the council is closed"),
    "child": lazy_gettext("For children and young people"),
    "suicide": lazy_gettext("If you feel like you cannot go on"),
    "text_support": lazy_gettext("Support by text message"),
    "domestic_abuse": lazy_gettext("Domestic abuse"),
    "child_protection": lazy_gettext("If you are worried about a child"),
    "online_abuse": lazy_gettext("Sexual abuse or grooming online"),
    "fgm": lazy_gettext("Female genital mutilation (FGM)"),
    "forced_marriage": lazy_gettext("Forced marriage"),
    "modern_slavery": lazy_gettext("Someone forced to work or kept against their will"),
    "police_non_emergency": lazy_gettext("Police, when it is not an emergency"),
    "missing": lazy_gettext("A child or young person who has run away or is missing"),
}


@dataclass(frozen=True)
class Contact:
    slug: str
    name: str
    purpose: str
    purpose_label: str
    phone: str | None
    text_number: str | None
    text_keyword: str | None
    url: str | None
    free: bool
    hours: str
    response_hours: int | None


def _day_range(days: str, locale: Any) -> str:
    names = get_day_names("wide", locale=locale)
    first, _, last = days.partition("-")
    start = names[DAY_KEYS.index(first)]
    if not last:
        return str(start)
    return gettext("%(first)s to %(last)s", first=start, last=names[DAY_KEYS.index(last)])


def describe_availability(available: Any, locale: Any) -> str:
    if available == "always":
        return gettext("24 hours a day, every day")
    periods = []
    for period in available:
        opens = format_time(time.fromisoformat(period["opens"]), "short", locale=locale)
        closes = format_time(time.fromisoformat(period["closes"]), "short", locale=locale)
        periods.append(
            gettext(
                "%(days)s, %(opens)s to %(closes)s",
                days=_day_range(period["days"], locale),
                opens=opens,
                closes=closes,
            )
        )
    return "; ".join(periods)


def phone_of(contacts: dict[str, Contact], slug: str, fallback: str = "") -> str:
    """The number to give for a contact (its phone, else its text number), or the fallback."""
    contact = contacts.get(slug)
    return (contact.phone or contact.text_number or fallback) if contact else fallback


def council_numbers(contacts: dict[str, Contact]) -> dict[str, str]:
    """The front door's number and hours and the out-of-hours number, as message fields."""
    front_door = contacts.get("front_door")
    return {
        "phone": front_door.phone or "" if front_door else "",
        "hours": front_door.hours if front_door else "",
        "out_of_hours": phone_of(contacts, "out_of_hours"),
    }


def current_contacts() -> dict[str, Contact]:
    """Contacts keyed by slug, rendered once per request in the reader's language."""
    cache: dict[str, dict[str, Contact]] = g.setdefault("_contacts", {})
    locale = get_locale()
    key = str(locale)
    if key not in cache:
        try:
            cache[key] = _contacts_in(locale)
        except SQLAlchemyError:
            # The numbers must reach a family in danger even when the database is down.
            db.session.rollback()
            current_app.logger.error("contacts: database unavailable, reading contacts.yaml")
            cache[key] = _contacts_from_file(locale)
    return cache[key]


def _contacts_from_file(locale: Any) -> dict[str, Contact]:
    """The shipped contacts straight from content/site/contacts.yaml (English names)."""
    path = current_app.config["CONTENT_DIR"] / "site" / "contacts.yaml"
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("contacts") or []
    return {
        entry["slug"]: _contact(entry["slug"], entry["name"], entry, locale)
        for entry in entries
        if entry.get("purpose") in PURPOSE_LABELS
    }


def _contacts_in(locale: Any) -> dict[str, Contact]:
    return {
        item.slug: _contact(item.slug, item.title, item.data, locale)
        for item in content_store.items_of_kind("contact")
    }


def _contact(slug: str, name: str, data: dict[str, Any], locale: Any) -> Contact:
    """One contact from its content fields (a stored item's data, or the file's entry)."""
    return Contact(
        slug=slug,
        name=name,
        purpose=data["purpose"],
        purpose_label=str(PURPOSE_LABELS[data["purpose"]]),
        phone=data.get("phone"),
        text_number=data.get("text_number"),
        text_keyword=data.get("text_keyword"),
        url=data.get("url"),
        free=bool(data.get("free")),
        hours=describe_availability(data["available"], locale),
        response_hours=data.get("response_hours"),
    )
