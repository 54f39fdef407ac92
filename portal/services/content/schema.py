"""Checks on content files, with errors that name the file and the field.

An editor who breaks a file should read exactly what to fix, e.g.
"content/site/contacts.yaml: contacts[2].phone: must be a UK phone number".
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from datetime import date
from typing import Any, NoReturn

from portal.taxonomy import AGE_BAND_KEYS, AREAS, NEED_KEYS

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$")
PHONE = re.compile(r"^\d[\d ]{1,18}\d$")
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")
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
    "child_protection",
    "online_abuse",
    "fgm",
    "forced_marriage",
    "modern_slavery",
    "police_non_emergency",
    "missing",
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

    def choices(
        self, field: str, allowed: Iterable[str], required: bool = True, maximum: int = 20
    ) -> list[str]:
        options = tuple(allowed)
        value = self.mapping.get(field)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.fail(field, f"must be a list of one or more of: {', '.join(options)}")
        for item in value:
            if item not in options:
                self.fail(field, f"{item!r} is not one of: {', '.join(options)}")
        if len(set(value)) != len(value):
            self.fail(field, "lists the same value twice")
        if len(value) > maximum:
            self.fail(field, f"must list at most {maximum}")
        return [str(item) for item in value]

    def slugs(self, field: str, maximum: int = 10) -> list[str]:
        value = self.mapping.get(field, [])
        if value is None:
            return []
        if not isinstance(value, list) or len(value) > maximum:
            self.fail(field, f"must be a list of at most {maximum} slugs")
        for item in value:
            if not isinstance(item, str) or not SLUG.match(item):
                self.fail(field, f"{item!r} is not a slug (lower-case letters, digits and hyphens)")
        return [str(item) for item in value]

    def day(self, field: str) -> date:
        value = self.mapping.get(field)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = date.fromisoformat(value)
        if not isinstance(value, date):
            self.fail(field, "must be a date like 2026-11-01")
        return value

    def markdown(self, field: str, required: bool = True, max_length: int = 20_000) -> str | None:
        value = self.text(field, required=required, max_length=max_length)
        if value and HTML_TAG.search(value):
            self.fail(field, "must be Markdown, without HTML tags")
        return value

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
            "source",
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
        # Where the number was checked against the organisation's own published page.
        "source": fields.pattern("source", re.compile(r"^https?://\S+$"), "a web address", required=False),
        "response_hours": fields.integer("response_hours", 1, 24 * 14),
        "available": _check_availability(fields),
    }
    if not contact["phone"] and not contact["text_number"] and not contact["url"]:
        fields.fail("phone", "is required (or text_number for a text-only service, or url for an online one)")
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


def gsm7_length(text: str) -> int | None:
    """Length in GSM-7 septets, or None when the text needs UCS-2."""
    length = 0
    for char in text:
        if char in GSM7_BASIC:
            length += 1
        elif char in GSM7_EXTENDED:
            length += 2
        else:
            return None
    return length


def _check_common(fields: FieldChecker) -> dict[str, Any]:
    reviewed = fields.day("last_reviewed")
    next_review = fields.day("next_review")
    if next_review <= reviewed:
        fields.fail("next_review", "must be later than last_reviewed")
    return {
        "owner": fields.text("owner", max_length=120),
        "last_reviewed": reviewed,
        "next_review": next_review,
    }


def _check_sms_summary(fields: FieldChecker, english: bool) -> str:
    summary = fields.text("sms_summary", max_length=400)
    assert summary is not None
    if english:
        length = gsm7_length(summary)
        if length is None:
            fields.fail(
                "sms_summary", "must use plain GSM-7 characters (no curly quotes, long dashes or emoji)"
            )
        if length > 160:
            fields.fail("sms_summary", f"is {length} characters; it must fit one text message (160)")
    return summary


GUIDE_FIELDS = (
    "title",
    "summary",
    "needs",
    "age_bands",
    "sms_summary",
    "get_help_now",
    "related_services",
    "owner",
    "last_reviewed",
    "next_review",
)


def check_guide(path: str, meta: Any, body: str) -> dict[str, Any]:
    fields = FieldChecker(path, "front matter", meta)
    fields.unknown(GUIDE_FIELDS)
    guide = {
        "title": fields.text("title", max_length=120),
        "summary": fields.text("summary", max_length=240),
        "needs": fields.choices("needs", NEED_KEYS, maximum=4),
        "age_bands": fields.choices("age_bands", AGE_BAND_KEYS),
        "sms_summary": _check_sms_summary(fields, english=True),
        "get_help_now": fields.markdown("get_help_now", required=False, max_length=1200),
        "related_services": fields.slugs("related_services"),
        **_check_common(fields),
    }
    guide["body"] = _check_body(path, body)
    return guide


OFFER_FIELDS = (
    "title",
    "element",
    "summary",
    "needs",
    "age_bands",
    "stages",
    "related_guides",
    "related_services",
    "owner",
    "last_reviewed",
    "next_review",
)


def _check_stages(fields: FieldChecker, bands: list[str] | None) -> dict[str, str]:
    stages = fields.mapping.get("stages")
    if not isinstance(stages, dict) or not stages:
        fields.fail("stages", "must map age bands to what a family can expect at that age")
    for band, text in stages.items():
        if band not in AGE_BAND_KEYS:
            fields.fail(f"stages.{band}", f"is not an age band ({', '.join(AGE_BAND_KEYS)})")
        if bands is not None and band not in bands:
            fields.fail(f"stages.{band}", "is not one of this page's age_bands")
        if not isinstance(text, str) or not text.strip():
            fields.fail(f"stages.{band}", "must be Markdown text")
        if HTML_TAG.search(text):
            fields.fail(f"stages.{band}", "must be Markdown, without HTML tags")
    return {str(band): str(text).strip() for band, text in stages.items()}


def check_offer(path: str, meta: Any, body: str) -> dict[str, Any]:
    fields = FieldChecker(path, "front matter", meta)
    fields.unknown(OFFER_FIELDS)
    bands = fields.choices("age_bands", AGE_BAND_KEYS)
    offer = {
        "title": fields.text("title", max_length=120),
        "element": fields.integer("element", 1, 10, required=True),
        "summary": fields.text("summary", max_length=240),
        "needs": fields.choices("needs", NEED_KEYS, maximum=6),
        "age_bands": bands,
        "stages": _check_stages(fields, bands),
        "related_guides": fields.slugs("related_guides", maximum=12),
        "related_services": fields.slugs("related_services"),
        **_check_common(fields),
    }
    offer["body"] = _check_body(path, body)
    return offer


def _check_body(path: str, body: str) -> str:
    text = body.strip()
    if len(text) < 40:
        raise ContentError(path, "body", "is missing or too short")
    if HTML_TAG.search(text):
        raise ContentError(path, "body", "must be Markdown, without HTML tags")
    if re.search(r"^# ", text, re.MULTILINE):
        raise ContentError(path, "body", "must not have a level-1 heading (# ...): the title is the heading")
    return text


SERVICE_FIELDS = (
    "name",
    "organisation",
    "service_type",
    "description",
    "needs",
    "eligibility",
    "min_age",
    "max_age",
    "cost",
    "cost_detail",
    "access",
    "how_to_access",
    "contact",
    "contact_ref",
    "area",
    "locations",
    "opening_times",
    "languages",
    "owner",
    "last_reviewed",
    "next_review",
)
SERVICE_TYPES = ("family_hub", "programme", "council", "local_service", "national_helpline")
LANGUAGE_CODES = ("en", "pl", "ar", "uk", "ro", "zh", "interpreters", "bsl")


def check_service(path: str, raw: Any, contact_slugs: Iterable[str]) -> dict[str, Any]:
    fields = FieldChecker(path, "service", raw)
    fields.unknown(SERVICE_FIELDS)
    service: dict[str, Any] = {
        "name": fields.text("name", max_length=120),
        "organisation": fields.text("organisation", max_length=160),
        "service_type": fields.choice("service_type", SERVICE_TYPES),
        "description": fields.markdown("description", max_length=3000),
        "needs": fields.choices("needs", NEED_KEYS, maximum=8),
        "eligibility": fields.text("eligibility", max_length=600),
        "min_age": fields.integer("min_age", -1, 120, required=True),
        "max_age": fields.integer("max_age", -1, 120, required=True),
        "cost": fields.choice("cost", ("free", "low_cost", "paid")),
        "cost_detail": fields.text("cost_detail", required=False, max_length=300) or "",
        "access": fields.choice("access", ("self_referral", "professional_referral", "both")),
        "how_to_access": fields.text("how_to_access", max_length=600),
        "area": fields.choice("area", AREAS),
        "opening_times": fields.text("opening_times", required=False, max_length=300) or "",
        "languages": fields.choices("languages", LANGUAGE_CODES),
        **_check_common(fields),
    }
    if service["max_age"] < service["min_age"]:
        fields.fail("max_age", "must not be below min_age")
    contact_ref = fields.mapping.get("contact_ref")
    if contact_ref is not None:
        if contact_ref not in set(contact_slugs):
            fields.fail("contact_ref", f"{contact_ref!r} is not a contact in content/site/contacts.yaml")
        if "contact" in fields.mapping:
            fields.fail("contact", "give contact or contact_ref, not both")
        service["contact_ref"] = contact_ref
        service["contact"] = {}
    else:
        service["contact"] = _check_service_contact(fields)
    service["locations"] = _check_locations(fields)
    return service


def _check_service_contact(fields: FieldChecker) -> dict[str, str]:
    inner = FieldChecker(fields.path, "service.contact", fields.mapping.get("contact") or {})
    inner.unknown(("phone", "email", "website", "text"))
    contact = {
        "phone": inner.pattern("phone", PHONE, "a phone number of digits and spaces", required=False),
        "text": inner.pattern("text", PHONE, "a number of digits and spaces", required=False),
        "email": inner.pattern(
            "email", re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"), "an email address", required=False
        ),
        "website": inner.pattern(
            "website", re.compile(r"^https://\S+$"), "an https:// address", required=False
        ),
    }
    if not any(contact.values()):
        inner.fail("", "needs at least a phone, text, email or website (or use contact_ref)")
    return {key: value for key, value in contact.items() if value}


def _check_locations(fields: FieldChecker) -> list[dict[str, str]]:
    value = fields.mapping.get("locations") or []
    if not isinstance(value, list):
        fields.fail("locations", "must be a list of {name, address, postcode}")
    locations = []
    for number, raw in enumerate(value):
        inner = FieldChecker(fields.path, f"service.locations[{number}]", raw)
        inner.unknown(("name", "address", "postcode"))
        location = {
            "name": inner.text("name", max_length=160),
            "address": inner.text("address", required=False, max_length=300),
            "postcode": inner.pattern(
                "postcode", re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$"), "a UK postcode", required=False
            ),
        }
        locations.append({key: val for key, val in location.items() if val})
    return locations


TRANSLATION_FIELDS = {
    "guide": (
        "provenance",
        "source_version",
        "reviewed_by",
        "title",
        "summary",
        "sms_summary",
        "get_help_now",
    ),
    "childhood_offer": ("provenance", "source_version", "reviewed_by", "title", "summary", "stages"),
}


def _check_source_version(fields: FieldChecker) -> str:
    value = fields.mapping.get("source_version")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value).zfill(12)  # an all-digit version that was not quoted in YAML
    if not isinstance(value, str) or not re.match(r"^[0-9a-f]{12}$", value):
        fields.fail("source_version", "must be the 12 hex characters printed by `flask content version`")
    return value


def check_translation(path: str, kind: str, meta: Any, body: str, original: dict[str, Any]) -> dict[str, Any]:
    fields = FieldChecker(path, "front matter", meta)
    fields.unknown(TRANSLATION_FIELDS[kind])
    translation: dict[str, Any] = {
        "provenance": fields.choice("provenance", ("machine", "reviewed")),
        "source_version": _check_source_version(fields),
        "reviewed_by": fields.text("reviewed_by", required=False, max_length=120) or "",
        "title": fields.text("title", max_length=200),
        "summary": fields.text("summary", max_length=400),
    }
    if kind == "guide":
        translation["sms_summary"] = _check_sms_summary(fields, english=False)
        translation["get_help_now"] = fields.markdown(
            "get_help_now", required=bool(original.get("get_help_now")), max_length=2000
        )
    else:
        stages = _check_stages(fields, None)
        if set(stages) != set(original["stages"]):
            fields.fail(
                "stages", f"must cover the same age bands as the English: {', '.join(original['stages'])}"
            )
        translation["stages"] = stages
    translation["body"] = _check_body(path, body)
    return translation
