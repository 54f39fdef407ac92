"""The kinds of field content files have, each saying in the content guide's words what is wrong.

Each validator takes the raw YAML value, so a fault reads "must be a date like
2026-11-01" rather than pydantic's "Input should be a valid date", and YAML's own
surprises (an unquoted 20261101 is a number) are refused as they always were.
ContentModel hands an absent field to its validator as None, so each field says
itself what it needs when it is missing.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationInfo, WrapValidator
from pydantic import model_validator as _model_validator
from pydantic_core.core_schema import ValidatorFunctionWrapHandler

from portal.services.content.schema.errors import problem
from portal.services.reading.gsm7 import gsm7_length
from portal.taxonomy import AGE_BAND_KEYS, NEED_KEYS

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,119}$")
PHONE = re.compile(r"^\d[\d ]{1,18}\d$")
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
HTTPS = re.compile(r"^https://\S+$")
LANGUAGE_CODES = ("en", "pl", "ar", "uk", "ro", "zh", "interpreters", "bsl")


class ContentModel(BaseModel):
    """A mapping in a content file: unknown fields are refused (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @_model_validator(mode="before")
    @classmethod
    def _absent_is_none(cls, data: Any) -> Any:
        """Give every absent field to its validator as None: it knows what a missing value means."""
        if isinstance(data, dict):
            return {**dict.fromkeys(cls.model_fields), **data}
        return data


def _text(value: Any, required: bool, max_length: int) -> str | None:
    if value is None or value == "":
        if required:
            raise problem("is required")
        return None
    if not isinstance(value, str):
        raise problem("must be text")
    value = value.strip()
    if len(value) > max_length:
        raise problem(f"must be at most {max_length} characters")
    return value


def text(max_length: int = 300, required: bool = True, empty: str | None = None) -> BeforeValidator:
    """Plain text, trimmed; an optional field left out becomes `empty`."""

    def check(value: Any) -> str | None:
        checked = _text(value, required, max_length)
        return empty if checked is None else checked

    return BeforeValidator(check)


def markdown(max_length: int = 20_000, required: bool = True) -> BeforeValidator:
    """Markdown text: the site renders it, so raw HTML is refused."""

    def check(value: Any) -> str | None:
        checked = _text(value, required, max_length)
        if checked and HTML_TAG.search(checked):
            raise problem("must be Markdown, without HTML tags")
        return checked

    return BeforeValidator(check)


def pattern(regex: re.Pattern[str], what: str, required: bool = True) -> BeforeValidator:
    """Text of a fixed shape (a phone number, a slug…); `what` completes "must be …"."""

    def check(value: Any) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not regex.match(value):
            raise problem(f"must be {what}")
        return value

    return BeforeValidator(check)


def one_of(options: Sequence[str]) -> BeforeValidator:
    """One value from a fixed list."""

    def check(value: Any) -> str:
        if value not in options:
            raise problem(f"must be one of: {', '.join(options)}")
        return str(value)

    return BeforeValidator(check)


def _member_of(options: Sequence[str]) -> BeforeValidator:
    def check(value: Any) -> str:
        if value not in options:
            raise problem(f"{value!r} is not one of: {', '.join(options)}")
        return str(value)

    return BeforeValidator(check)


def list_of(options: Sequence[str], maximum: int = 20, required: bool = True) -> WrapValidator:
    """A list of values from a fixed list, each once; each wrong item is named with its place."""

    def check(value: Any, handler: ValidatorFunctionWrapHandler) -> list[str]:
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise problem(f"must be a list of one or more of: {', '.join(options)}")
        items: list[str] = handler(value)
        if len(set(items)) != len(items):
            raise problem("lists the same value twice")
        if len(items) > maximum:
            raise problem(f"must list at most {maximum}")
        return items

    return WrapValidator(check)


NeedKey = Annotated[str, _member_of(NEED_KEYS)]
AgeBandKey = Annotated[str, _member_of(AGE_BAND_KEYS)]
LanguageCode = Annotated[str, _member_of(LANGUAGE_CODES)]


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise problem(f"{value!r} is not a slug (lower-case letters, digits and hyphens)")
    return value


Slug = Annotated[str, BeforeValidator(_slug)]


def slugs(maximum: int = 10) -> BeforeValidator:
    """A list of page or service slugs (whether each exists is checked once all files are read)."""

    def check(value: Any) -> Any:
        if value is None:
            return []
        if not isinstance(value, list) or len(value) > maximum:
            raise problem(f"must be a list of at most {maximum} slugs")
        return value

    return BeforeValidator(check)


def _day(value: Any) -> date:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value)
    if not isinstance(value, date):
        raise problem("must be a date like 2026-11-01")
    return value.date() if isinstance(value, datetime) else value


Day = Annotated[date, BeforeValidator(_day)]


def _after_last_reviewed(value: date, info: ValidationInfo) -> date:
    reviewed = info.data.get("last_reviewed")
    if reviewed is not None and value <= reviewed:
        raise problem("must be later than last_reviewed")
    return value


# Declared after last_reviewed in every model that has it.
NextReview = Annotated[date, BeforeValidator(_day), AfterValidator(_after_last_reviewed)]


def whole_number(minimum: int, maximum: int, required: bool = True) -> BeforeValidator:
    """A whole number in a range (YAML's true and false are not numbers here)."""

    def check(value: Any) -> int | None:
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
            raise problem(f"must be a whole number from {minimum} to {maximum}")
        return value

    return BeforeValidator(check)


def _true_or_false(value: Any) -> bool:
    if not isinstance(value, bool):
        raise problem("must be true or false")
    return value


Flag = Annotated[bool, BeforeValidator(_true_or_false)]


def _one_text_message(value: str) -> str:
    length = gsm7_length(value)
    if length is None:
        raise problem("must use plain GSM-7 characters (no curly quotes, long dashes or emoji)")
    if length > 160:
        raise problem(f"is {length} characters; it must fit one text message (160)")
    return value


# The English SMS summary goes out as one plain text message; translations are not limited.
SmsSummary = Annotated[str, text(400), AfterValidator(_one_text_message)]


def _stage_band(value: Any) -> str:
    if value not in AGE_BAND_KEYS:
        raise problem(f"is not an age band ({', '.join(AGE_BAND_KEYS)})")
    return str(value)


def _stage_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise problem("must be Markdown text")
    if HTML_TAG.search(value):
        raise problem("must be Markdown, without HTML tags")
    return value.strip()


def _stages_shape(value: Any) -> Any:
    if not isinstance(value, dict) or not value:
        raise problem("must map age bands to what a family can expect at that age")
    return value


# Childhood Offer: what a family can expect, per age band.
Stages = Annotated[
    dict[Annotated[str, BeforeValidator(_stage_band)], Annotated[str, BeforeValidator(_stage_text)]],
    BeforeValidator(_stages_shape),
]


def _source_version(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value).zfill(12)  # an all-digit version that was not quoted in YAML
    if not isinstance(value, str) or not re.match(r"^[0-9a-f]{12}$", value):
        raise problem("must be the 12 hex characters printed by `flask content version`")
    return value


SourceVersion = Annotated[str, BeforeValidator(_source_version)]


def _body(value: Any) -> str:
    body = str(value).strip()
    if len(body) < 40:
        raise problem("is missing or too short")
    if HTML_TAG.search(body):
        raise problem("must be Markdown, without HTML tags")
    if re.search(r"^# ", body, re.MULTILINE):
        raise problem("must not have a level-1 heading (# ...): the title is the heading")
    return body


# The Markdown after the front matter of a guide or Childhood Offer page.
Body = Annotated[str, BeforeValidator(_body)]
