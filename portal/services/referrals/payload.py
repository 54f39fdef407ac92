"""The referral the action server posts to /internal/referrals, as a typed model.

The rules are the ones the front door relies on; each broken rule is one readable
problem naming its field ("contact.phone is needed to phone or text"), which the API
returns to the caller. Free text is trimmed and clipped rather than refused, as a
family's words should never stop a referral.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from portal.data.models import as_utc, utcnow
from portal.i18n import LANGUAGES
from portal.taxonomy import AGE_BAND_KEYS, AREAS, NEED_KEYS

SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
CONTACT_METHODS = ("phone", "text", "email")
MAX_WORDS_CHARS = 4000
CHILD_AGE_BANDS = (*AGE_BAND_KEYS, "any")  # "any": the family did not say


class ReferralRefused(ValueError):
    """The submission cannot be taken; `problems` says why, field by field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _refuse(message: str) -> PydanticCustomError:
    """A problem with the field being checked; the message follows its name."""
    return PydanticCustomError("referral", message)


def _refuse_whole(message: str) -> PydanticCustomError:
    """A problem with the referral as a whole, read without a field name."""
    return PydanticCustomError("referral_whole", message)


def clipped(limit: int) -> BeforeValidator:
    """Text trimmed and cut to `limit`; anything that is not text counts as empty."""
    return BeforeValidator(lambda value: value.strip()[:limit] if isinstance(value, str) else "")


def _only_true(value: Any) -> bool:
    """A yes must be JSON true: "yes", 1 or "true" are not taken as the family's word."""
    return value is True


class Child(BaseModel):
    model_config = ConfigDict(frozen=True)

    age_band: str
    name: str | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _clip_name(cls, name: Any) -> str | None:
        if not name:
            return None
        return name.strip()[:60] if isinstance(name, str) else ""


def _needs(value: Any) -> list[str]:
    needs = value or []
    if not isinstance(needs, list) or any(need not in NEED_KEYS for need in needs):
        raise _refuse("must be a list of need keys")
    return list(dict.fromkeys(needs))  # each need once, in the family's order


def _children(value: Any) -> list[dict[str, Any]]:
    children = value or []
    if not isinstance(children, list) or any(
        not isinstance(child, dict) or child.get("age_band") not in CHILD_AGE_BANDS for child in children
    ):
        raise _refuse("must be a list of {age_band, name (optional)}")
    return [{"age_band": child["age_band"], "name": child.get("name")} for child in children]


class Contact(BaseModel):
    """How the family wants to be contacted: the detail the method needs must be there."""

    model_config = ConfigDict(frozen=True)

    method: Literal["phone", "text", "email"]
    phone: Annotated[str, clipped(30)]
    email: Annotated[str, clipped(254)]
    times: Annotated[str, clipped(200)]
    safe_to_message: Annotated[bool, BeforeValidator(_only_true)]

    @field_validator("method", mode="before")
    @classmethod
    def _known_method(cls, method: Any) -> Any:
        if method not in CONTACT_METHODS:
            raise _refuse(f"must be one of: {', '.join(CONTACT_METHODS)}")
        return method

    @field_validator("phone")
    @classmethod
    def _phone_to_phone(cls, phone: str, info: ValidationInfo) -> str:
        if info.data.get("method") in ("phone", "text") and not phone:
            raise _refuse("is needed to phone or text")
        return phone

    @field_validator("email")
    @classmethod
    def _email_to_email(cls, email: str, info: ValidationInfo) -> str:
        if info.data.get("method") == "email" and "@" not in email:
            raise _refuse("is needed to email")
        return email


def _contact(value: Any) -> dict[str, Any]:
    given = value if isinstance(value, dict) else {}  # not a mapping: no method was given
    fields = ("method", "phone", "email", "times", "safe_to_message")
    return {name: given.get(name) for name in fields}


def _given_at(value: Any) -> datetime:
    """When the family said yes (the form records it), or now; never in the future."""
    now = utcnow()
    try:
        given = as_utc(datetime.fromisoformat(str(value))) if value else now
    except ValueError:
        return now
    return min(given, now)


class Consent(BaseModel):
    """What the family agreed to, in the wording shown now (given as context: `wording_version`)."""

    model_config = ConfigDict(frozen=True)

    share_with_front_door: Annotated[bool, BeforeValidator(_only_true)]
    wording_version: str
    share_with_partners: bool
    own_consent: Annotated[
        bool | None, BeforeValidator(lambda value: value if isinstance(value, bool) else None)
    ]
    given_at: Annotated[datetime, BeforeValidator(_given_at)]

    @field_validator("wording_version", mode="before")
    @classmethod
    def _wording_shown_now(cls, version: Any, info: ValidationInfo) -> str:
        shown = (info.context or {}).get("wording_version")
        if shown is None:
            raise _refuse_whole("there is no consent wording in this language yet")
        if version != shown:
            raise _refuse("is not the wording shown now")
        return str(version)

    @field_validator("share_with_partners", mode="before")
    @classmethod
    def _true_or_false(cls, share: Any) -> bool:
        if not isinstance(share, bool):
            raise _refuse("must be true or false")
        return share


def _consent(value: Any) -> dict[str, Any]:
    given = value if isinstance(value, dict) else {}
    fields = ("share_with_front_door", "wording_version", "share_with_partners", "own_consent", "given_at")
    return {name: given.get(name) for name in fields}


def agrees_to_front_door(raw: dict[str, Any]) -> bool:
    """Whether the family agreed to share with the front door: without it nothing is checked or kept."""
    consent = raw.get("consent")
    return isinstance(consent, dict) and consent.get("share_with_front_door") is True


class ReferralPayload(BaseModel):
    """A family's referral as the action server sends it (unknown fields are ignored)."""

    model_config = ConfigDict(frozen=True)

    submission_key: str
    lang: str
    channel: Literal["web", "sms"]
    needs: Annotated[list[str], BeforeValidator(_needs)]
    children: Annotated[list[Child], BeforeValidator(_children)]
    contact: Annotated[Contact, BeforeValidator(_contact)]
    area: str | None
    interpreter_lang: str | None
    own_words: Annotated[str, clipped(MAX_WORDS_CHARS)]
    for_self: Annotated[bool, BeforeValidator(_only_true)]
    # The assistant's session id, when the referral comes from a conversation.
    conversation: Annotated[
        str | None, BeforeValidator(lambda value: value if isinstance(value, str) else None)
    ]
    consent: Annotated[Consent, BeforeValidator(_consent)]

    @field_validator("submission_key", mode="before")
    @classmethod
    def _key_shape(cls, key: Any) -> Any:
        if not isinstance(key, str) or not SUBMISSION_KEY.match(key):
            raise _refuse("must be 16 to 64 letters, digits, '-' or '_'")
        return key

    @field_validator("lang", mode="before")
    @classmethod
    def _known_lang(cls, lang: Any) -> Any:
        if not isinstance(lang, str) or lang not in LANGUAGES:
            raise _refuse(f"must be one of: {', '.join(LANGUAGES)}")
        return lang

    @field_validator("channel", mode="before")
    @classmethod
    def _known_channel(cls, channel: Any) -> Any:
        if channel not in ("web", "sms"):
            raise _refuse("must be web or sms")
        return channel

    @field_validator("area", mode="before")
    @classmethod
    def _area_or_postcode(cls, area: Any) -> str | None:
        if area is None:
            return None
        if not (area in AREAS or re.fullmatch(r"[A-Za-z0-9 ]{2,10}", str(area))):
            raise _refuse("must be an area name or a postcode")
        return str(area)

    @field_validator("interpreter_lang", mode="before")
    @classmethod
    def _language_code(cls, code: Any) -> str | None:
        if code is None:
            return None
        if not re.fullmatch(r"[a-z]{2,3}", str(code)):
            raise _refuse("must be a language code")
        return str(code)

    def children_data(self) -> list[dict[str, Any]]:
        """The children as the referral stores them (a name only where one was given)."""
        return [child.model_dump(exclude_none=True) for child in self.children]


FIELDS = tuple(ReferralPayload.model_fields)


def _problem(detail: Any) -> str:
    if detail["type"] == "referral_whole":
        return str(detail["msg"])
    field = ".".join(str(part) for part in detail["loc"])
    return f"{field} {detail['msg']}"


def read_payload(raw: dict[str, Any], wording_version: str | None) -> ReferralPayload:
    """The referral in `raw`, or ReferralRefused with one problem per field.

    `wording_version` is the version of the consent wording shown now in the
    referral's language (None where there is none yet).
    """
    given = {name: raw.get(name) for name in FIELDS}  # an absent field is checked as null
    try:
        return ReferralPayload.model_validate(given, context={"wording_version": wording_version})
    except ValidationError as error:
        problems = [_problem(detail) for detail in error.errors()]
        raise ReferralRefused(list(dict.fromkeys(problems))) from None
