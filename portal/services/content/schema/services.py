"""content/services/<slug>.yaml: one service record, after Open Referral UK (HSDS)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, ValidationInfo, field_validator, model_validator
from pydantic_core.core_schema import ValidatorFunctionWrapHandler

from portal.services.content.schema.errors import problem
from portal.services.content.schema.fields import (
    HTTPS,
    LANGUAGE_CODES,
    PHONE,
    ContentModel,
    Day,
    LanguageCode,
    NeedKey,
    NextReview,
    list_of,
    markdown,
    one_of,
    pattern,
    text,
    whole_number,
)
from portal.taxonomy import AREAS, NEED_KEYS

ServiceType = Literal["family_hub", "programme", "council", "local_service", "national_helpline"]
Cost = Literal["free", "low_cost", "paid"]
Access = Literal["self_referral", "professional_referral", "both"]
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


class ServiceContact(ContentModel):
    phone: Annotated[str | None, pattern(PHONE, "a phone number of digits and spaces", required=False)]
    email: Annotated[str | None, pattern(EMAIL, "an email address", required=False)]
    website: Annotated[str | None, pattern(HTTPS, "an https:// address", required=False)]
    text: Annotated[str | None, pattern(PHONE, "a number of digits and spaces", required=False)]

    @model_validator(mode="after")
    def _some_way_in(self) -> ServiceContact:
        if not (self.phone or self.email or self.website or self.text):
            raise problem("needs at least a phone, text, email or website (or use contact_ref)")
        return self

    def as_data(self) -> dict[str, str]:
        """The ways in the file gives, in the order the site lists them."""
        ways = {"phone": self.phone, "text": self.text, "email": self.email, "website": self.website}
        return {key: value for key, value in ways.items() if value}


class Location(ContentModel):
    name: Annotated[str, text(160)]
    address: Annotated[str | None, text(300, required=False)]
    postcode: Annotated[str | None, pattern(POSTCODE, "a UK postcode", required=False)]

    def as_data(self) -> dict[str, str]:
        return {key: value for key, value in self.model_dump().items() if value}


def _list_of_locations(value: Any) -> Any:
    if not value:
        return []  # national or phone-only services have none
    if not isinstance(value, list):
        raise problem("must be a list of {name, address, postcode}")
    return value


class Service(ContentModel):
    name: Annotated[str, text(120)]
    organisation: Annotated[str, text(160)]
    service_type: Annotated[ServiceType, one_of(get_args(ServiceType))]
    description: Annotated[str, markdown(3000)]
    needs: Annotated[list[NeedKey], list_of(NEED_KEYS, maximum=8)]
    eligibility: Annotated[str, text(600)]
    min_age: Annotated[int, whole_number(-1, 120)]  # years; -1 is pregnancy
    max_age: Annotated[int, whole_number(-1, 120)]
    cost: Annotated[Cost, one_of(get_args(Cost))]
    cost_detail: Annotated[str, text(300, required=False, empty="")]
    access: Annotated[Access, one_of(get_args(Access))]
    how_to_access: Annotated[str, text(600)]
    # Either the service's own contact details or the slug of one in content/site/contacts.yaml,
    # so a number the site gives in several places (the front door's) lives in one place.
    contact_ref: str | None
    contact: ServiceContact | None
    area: Annotated[str, one_of(AREAS)]
    locations: Annotated[list[Location], BeforeValidator(_list_of_locations)]
    opening_times: Annotated[str, text(300, required=False, empty="")]
    languages: Annotated[list[LanguageCode], list_of(LANGUAGE_CODES)]
    owner: Annotated[str, text(120)]
    last_reviewed: Day
    next_review: NextReview

    @field_validator("max_age")
    @classmethod
    def _not_below_min_age(cls, max_age: int, info: ValidationInfo) -> int:
        min_age = info.data.get("min_age")
        if min_age is not None and max_age < min_age:
            raise problem("must not be below min_age")
        return max_age

    @field_validator("contact_ref", mode="before")
    @classmethod
    def _known_contact(cls, contact_ref: Any, info: ValidationInfo) -> Any:
        known = (info.context or {}).get("contact_slugs", ())
        if contact_ref is not None and (not isinstance(contact_ref, str) or contact_ref not in known):
            raise problem(f"{contact_ref!r} is not a contact in content/site/contacts.yaml")
        return contact_ref

    @field_validator("contact", mode="wrap")
    @classmethod
    def _contact_or_ref(
        cls, contact: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> ServiceContact | None:
        if "contact_ref" not in info.data:
            return None  # the reference is wrong: that is the fault to report
        if info.data["contact_ref"] is not None:
            if contact is not None:
                raise problem("give contact or contact_ref, not both")
            return None
        checked: ServiceContact = handler(contact or {})
        return checked
