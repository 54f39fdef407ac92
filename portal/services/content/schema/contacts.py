"""content/site/contacts.yaml: every phone number the site gives, as typed records."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from portal.services.content.schema.errors import FieldProblem, problem
from portal.services.content.schema.fields import (
    HTTPS,
    PHONE,
    SLUG,
    ContentModel,
    Flag,
    one_of,
    pattern,
    text,
    whole_number,
)

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_RANGE = re.compile(rf"^({'|'.join(DAYS)})(-({'|'.join(DAYS)}))?$")
ContactPurpose = Literal[
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
]
CONTACT_PURPOSES: tuple[str, ...] = get_args(ContactPurpose)
REQUIRED_PURPOSES = ("emergency", "front_door", "out_of_hours")


class OpeningPeriod(ContentModel):
    days: Annotated[str, pattern(DAY_RANGE, "a day or range such as mon-fri")]
    opens: Annotated[str, pattern(TIME, "a 24-hour time such as 09:00")]
    closes: Annotated[str, pattern(TIME, "a 24-hour time such as 17:00")]

    @field_validator("closes")
    @classmethod
    def _after_opening(cls, closes: str, info: ValidationInfo) -> str:
        opens = info.data.get("opens")
        if opens is not None and closes <= opens:
            raise problem("must be later than opens")
        return closes


def _always_or_periods(value: Any) -> str | None:
    if value == "always":
        return "<always>"
    return "<periods>" if isinstance(value, list) and value else None


Availability = Annotated[
    Annotated[Literal["always"], Tag("<always>")] | Annotated[list[OpeningPeriod], Tag("<periods>")],
    Discriminator(
        _always_or_periods,
        custom_error_type="content",
        custom_error_message='must be "always" or a list of {days, opens, closes}',
    ),
]


class Contact(ContentModel):
    slug: Annotated[str, pattern(SLUG, "lower-case letters, digits, - or _")]
    name: Annotated[str, text()]
    purpose: Annotated[ContactPurpose, one_of(CONTACT_PURPOSES)]
    phone: Annotated[str | None, pattern(PHONE, "a phone number of digits and spaces", required=False)]
    text_number: Annotated[str | None, pattern(PHONE, "a number of digits and spaces", required=False)]
    text_keyword: Annotated[
        str | None, pattern(re.compile(r"^[A-Z0-9]{2,20}$"), "a word in capitals", required=False)
    ]
    available: Availability
    free: Flag
    url: Annotated[str | None, pattern(HTTPS, "an https:// address", required=False)]
    owner: Annotated[str, text()]
    response_hours: Annotated[int | None, whole_number(1, 24 * 14, required=False)]
    # Where the number was checked against the organisation's own published page.
    source: Annotated[str | None, pattern(re.compile(r"^https?://\S+$"), "a web address", required=False)]

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not self.phone and not self.text_number and not self.url:
            raise FieldProblem(
                ("phone",), "is required (or text_number for a text-only service, or url for an online one)"
            )
        return self


def _list_of_contacts(value: Any) -> Any:
    if not isinstance(value, list):
        raise problem("must be a list of contacts")
    return value


class ContactsFile(ContentModel):
    """The whole file: other top-level keys are left for people (and future use)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    contacts: Annotated[list[Contact], BeforeValidator(_list_of_contacts)]

    @model_validator(mode="before")
    @classmethod
    def _a_mapping(cls, data: Any) -> Any:
        return data if isinstance(data, dict) else {"contacts": None}

    @field_validator("contacts")
    @classmethod
    def _one_of_each(cls, contacts: list[Contact]) -> list[Contact]:
        seen: set[str] = set()
        for index, contact in enumerate(contacts):
            if contact.slug in seen:
                raise FieldProblem((index, "slug"), f"{contact.slug!r} is used twice")
            seen.add(contact.slug)
        purposes = {contact.purpose for contact in contacts}
        for required in REQUIRED_PURPOSES:
            if required not in purposes:
                raise problem(f"needs a contact with purpose {required}")
        return contacts
