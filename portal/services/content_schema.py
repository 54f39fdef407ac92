"""Checks on content files, with errors that name the file and the field.

An editor who breaks a file should read exactly what to fix, e.g.
"content/site/contacts.yaml: contacts[2].phone: must be a UK phone number".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NoReturn

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$")
PHONE = re.compile(r"^\d[\d ]{1,18}\d$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CONTACT_PURPOSES = (
    "emergency",
    "front_door",
    "out_of_hours",
    "child",
    "suicide",
    "text_support",
    "domestic_abuse",
)


class ContentError(ValueError):
    """A content file that cannot be loaded, naming the file, the field and the fault."""

    def __init__(self, path: str, field: str, problem: str) -> None:
        super().__init__(f"{path}: {field}: {problem}")
        self.path, self.field, self.problem = path, field, problem


class FieldChecker:
    """Reads fields from one mapping, raising ContentError for the first fault."""

    def __init__(self, path: str, where: str, mapping: Any) -> None:
        self.path, self.where = path, where
        if not isinstance(mapping, dict):
            self.fail("", "must be a mapping of field: value")
        self.mapping: dict[str, Any] = mapping

    def fail(self, field: str, problem: str) -> NoReturn:
        name = f"{self.where}.{field}" if field else self.where
        raise ContentError(self.path, name, problem)

    def unknown(self, allowed: Iterable[str]) -> None:
        extra = sorted(set(self.mapping) - set(allowed))
        if extra:
            self.fail(extra[0], "is not a known field (check the spelling)")

    def text(self, field: str, required: bool = True, max_length: int = 300) -> str | None:
        value = self.mapping.get(field)
        if value is None or value == "":
            if required:
                self.fail(field, "is required")
            return None
        if not isinstance(value, str):
            self.fail(field, "must be text")
        value = value.strip()
        if len(value) > max_length:
            self.fail(field, f"must be at most {max_length} characters")
        return value

    def pattern(self, field: str, regex: re.Pattern[str], what: str, required: bool = True) -> str | None:
        value = self.mapping.get(field)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not regex.match(value):
            self.fail(field, f"must be {what}")
        return value

    def choice(self, field: str, choices: Iterable[str]) -> str:
        options = tuple(choices)
        value = self.mapping.get(field)
        if value not in options:
            self.fail(field, f"must be one of: {', '.join(options)}")
        return str(value)

    def boolean(self, field: str, default: bool | None = None) -> bool:
        value = self.mapping.get(field, default)
        if not isinstance(value, bool):
            self.fail(field, "must be true or false")
        return bool(value)

    def integer(self, field: str, minimum: int, maximum: int, required: bool = False) -> int | None:
        value = self.mapping.get(field)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
            self.fail(field, f"must be a whole number from {minimum} to {maximum}")
        return value


def check_contact(path: str, index: int, raw: Any) -> dict[str, Any]:
    """Validate one entry of content/site/contacts.yaml."""
    fields = FieldChecker(path, f"contacts[{index}]", raw)
    fields.unknown(
        (
            "slug",
            "name",
            "purpose",
            "phone",
            "text_number",
            "text_keyword",
            "available",
            "free",
            "url",
            "owner",
            "response_hours",
        )
    )
    contact = {
        "slug": fields.pattern("slug", SLUG, "lower-case letters, digits, - or _"),
        "name": fields.text("name"),
        "purpose": fields.choice("purpose", CONTACT_PURPOSES),
        "phone": fields.pattern("phone", PHONE, "a phone number of digits and spaces", required=False),
        "text_number": fields.pattern("text_number", PHONE, "a number of digits and spaces", required=False),
        "text_keyword": fields.pattern(
            "text_keyword", re.compile(r"^[A-Z0-9]{2,20}$"), "a word in capitals", required=False
        ),
        "free": fields.boolean("free"),
        "url": fields.pattern("url", re.compile(r"^https://\S+$"), "an https:// address", required=False),
        "owner": fields.text("owner"),
        "response_hours": fields.integer("response_hours", 1, 24 * 14),
        "available": _check_availability(fields),
    }
    if not contact["phone"] and not contact["text_number"]:
        fields.fail("phone", "is required (or text_number for a text-only service)")
    return contact


def _check_availability(fields: FieldChecker) -> str | list[dict[str, str]]:
    value = fields.mapping.get("available")
    if value == "always":
        return "always"
    if not isinstance(value, list) or not value:
        fields.fail("available", 'must be "always" or a list of {days, opens, closes}')
    periods = []
    for number, period in enumerate(value):
        inner = FieldChecker(fields.path, f"{fields.where}.available[{number}]", period)
        inner.unknown(("days", "opens", "closes"))
        days = inner.pattern(
            "days",
            re.compile(rf"^({'|'.join(DAYS)})(-({'|'.join(DAYS)}))?$"),
            "a day or range such as mon-fri",
        )
        opens = inner.pattern("opens", TIME, "a 24-hour time such as 09:00")
        closes = inner.pattern("closes", TIME, "a 24-hour time such as 17:00")
        assert days and opens and closes
        if closes <= opens:
            inner.fail("closes", "must be later than opens")
        periods.append({"days": days, "opens": opens, "closes": closes})
    return periods
