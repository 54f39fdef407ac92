"""Typed models of the content files, with errors that name the file and the field.

An editor who breaks a file should read exactly what to fix, one line per fault, e.g.
"content/site/contacts.yaml: contacts[2].phone: must be a phone number of digits and spaces".
Each check returns a pydantic model or raises ContentError; it never returns half a record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from portal.services.content.schema.contacts import Contact, ContactsFile, OpeningPeriod
from portal.services.content.schema.errors import ContentError, validate
from portal.services.content.schema.fields import SLUG
from portal.services.content.schema.pages import (
    EnglishPage,
    GuideFrontMatter,
    GuidePage,
    GuideTranslationFrontMatter,
    GuideTranslationPage,
    OfferFrontMatter,
    OfferPage,
    OfferTranslationFrontMatter,
    OfferTranslationPage,
    TranslationPage,
)
from portal.services.content.schema.services import Location, Service, ServiceContact

__all__ = [
    "SLUG",
    "Contact",
    "ContactsFile",
    "ContentError",
    "EnglishPage",
    "GuideFrontMatter",
    "GuidePage",
    "GuideTranslationFrontMatter",
    "GuideTranslationPage",
    "Location",
    "OfferFrontMatter",
    "OfferPage",
    "OfferTranslationFrontMatter",
    "OfferTranslationPage",
    "OpeningPeriod",
    "Service",
    "ServiceContact",
    "TranslationPage",
    "check_contacts",
    "check_guide",
    "check_offer",
    "check_service",
    "check_translation",
]


def check_contacts(path: str, document: Any) -> ContactsFile:
    """content/site/contacts.yaml, parsed."""
    return validate(ContactsFile, path, document)


def _page(meta: Any, body: str) -> dict[str, Any]:
    return {"front matter": meta, "body": body}


def check_guide(path: str, meta: Any, body: str) -> GuidePage:
    return validate(GuidePage, path, _page(meta, body))


def check_offer(path: str, meta: Any, body: str) -> OfferPage:
    return validate(OfferPage, path, _page(meta, body))


def check_translation(path: str, original: EnglishPage, meta: Any, body: str) -> TranslationPage:
    """A translation, checked against its English original (same stages, get_help_now if it has one)."""
    context = {"original": original.front_matter}
    if isinstance(original, GuidePage):
        return validate(GuideTranslationPage, path, _page(meta, body), context=context)
    return validate(OfferTranslationPage, path, _page(meta, body), context=context)


def check_service(path: str, raw: Any, contact_slugs: Iterable[str]) -> Service:
    """A service file; `contact_slugs` are the contacts a contact_ref may name."""
    return validate(Service, path, raw, where="service", context={"contact_slugs": frozenset(contact_slugs)})
