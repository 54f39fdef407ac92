"""Guides and Childhood Offer pages: Markdown with YAML front matter, English and translated.

A page is validated as {"front matter": ..., "body": ...}, so a fault's location
reads as the editor sees the file: "front matter.needs[1]" or "body".
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from portal.services.content.schema.errors import FieldProblem, problem
from portal.services.content.schema.fields import (
    AgeBandKey,
    Body,
    ContentModel,
    Day,
    NeedKey,
    NextReview,
    Slug,
    SmsSummary,
    SourceVersion,
    Stages,
    list_of,
    markdown,
    one_of,
    slugs,
    text,
    whole_number,
)
from portal.taxonomy import AGE_BAND_KEYS, NEED_KEYS

Provenance = Literal["machine", "reviewed"]


class GuideFrontMatter(ContentModel):
    """A Family Toolbox guide (content/guides/<slug>.md)."""

    title: Annotated[str, text(120)]
    summary: Annotated[str, text(240)]
    needs: Annotated[list[NeedKey], list_of(NEED_KEYS, maximum=4)]  # the main one first
    age_bands: Annotated[list[AgeBandKey], list_of(AGE_BAND_KEYS)]
    sms_summary: SmsSummary
    get_help_now: Annotated[str | None, markdown(1200, required=False)]  # when the topic can turn urgent
    related_services: Annotated[list[Slug], slugs()]
    owner: Annotated[str, text(120)]
    last_reviewed: Day
    next_review: NextReview


class OfferFrontMatter(ContentModel):
    """One of the ten Childhood Offer elements (content/childhood_offer/<slug>.md)."""

    title: Annotated[str, text(120)]
    element: Annotated[int, whole_number(1, 10)]  # in the council's order
    summary: Annotated[str, text(240)]
    needs: Annotated[list[NeedKey], list_of(NEED_KEYS, maximum=6)]
    age_bands: Annotated[list[AgeBandKey], list_of(AGE_BAND_KEYS)]
    stages: Stages
    related_guides: Annotated[list[Slug], slugs(maximum=12)]
    related_services: Annotated[list[Slug], slugs()]
    owner: Annotated[str, text(120)]
    last_reviewed: Day
    next_review: NextReview

    @field_validator("stages")
    @classmethod
    def _within_age_bands(cls, stages: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        bands = info.data.get("age_bands")
        for band in stages:
            if bands is not None and band not in bands:
                raise FieldProblem((band,), "is not one of this page's age_bands")
        return stages


def _original(info: ValidationInfo) -> Any:
    """The English front matter a translation is checked against (given as context)."""
    return (info.context or {})["original"]


class GuideTranslationFrontMatter(ContentModel):
    """A guide's translation repeats the readable fields and says which English it came from."""

    provenance: Annotated[Provenance, one_of(get_args(Provenance))]
    source_version: SourceVersion
    reviewed_by: Annotated[str, text(120, required=False, empty="")]  # a role, not a name
    title: Annotated[str, text(200)]
    summary: Annotated[str, text(400)]
    sms_summary: Annotated[str, text(400)]
    get_help_now: Annotated[str | None, markdown(2000, required=False)]

    @field_validator("get_help_now")
    @classmethod
    def _when_the_english_has_it(cls, get_help_now: str | None, info: ValidationInfo) -> str | None:
        if not get_help_now and _original(info).get_help_now:
            raise problem("is required")
        return get_help_now


class OfferTranslationFrontMatter(ContentModel):
    """A Childhood Offer translation: the same stages as the English, in another language."""

    provenance: Annotated[Provenance, one_of(get_args(Provenance))]
    source_version: SourceVersion
    reviewed_by: Annotated[str, text(120, required=False, empty="")]
    title: Annotated[str, text(200)]
    summary: Annotated[str, text(400)]
    stages: Stages

    @field_validator("stages")
    @classmethod
    def _same_bands_as_english(cls, stages: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        english = _original(info).stages
        if set(stages) != set(english):
            raise problem(f"must cover the same age bands as the English: {', '.join(english)}")
        return stages


FrontMatterT = TypeVar("FrontMatterT", bound=ContentModel)


class Page(BaseModel, Generic[FrontMatterT]):
    """A whole Markdown file: its front matter and the Markdown body after it."""

    model_config = ConfigDict(frozen=True)

    front_matter: FrontMatterT = Field(alias="front matter")
    body: Body


class GuidePage(Page[GuideFrontMatter]):
    pass


class OfferPage(Page[OfferFrontMatter]):
    pass


class GuideTranslationPage(Page[GuideTranslationFrontMatter]):
    pass


class OfferTranslationPage(Page[OfferTranslationFrontMatter]):
    pass


EnglishPage = GuidePage | OfferPage
TranslationPage = GuideTranslationPage | OfferTranslationPage
