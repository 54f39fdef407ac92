"""Published content as a reader meets it: in their language where a
translation exists, else the English original, always saying which.

Translation status (the /api/content contract): original, reviewed, machine,
outdated (the English changed since it was translated) or missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from portal.data import content_store
from portal.data.models import ContentItem
from portal.services.content.markdown import render_markdown
from portal.taxonomy import AGE_BANDS, AREAS

KIND_ENDPOINTS = {
    "guide": "public.guide",
    "childhood_offer": "public.offer_element",
    "service": "public.service",
}


@dataclass(frozen=True)
class Page:
    """One content page ready to show: the text, its language and its status."""

    kind: str
    slug: str
    title: str
    summary: str
    body: str
    lang: str  # the language of the text shown
    translation: str  # original | reviewed | machine | outdated | missing
    needs: tuple[str, ...]
    age_bands: tuple[str, ...]
    data: dict[str, Any]
    last_reviewed: date | None

    @property
    def body_html(self) -> Markup:
        return render_markdown(self.body)

    def markdown(self, key: str) -> Markup:
        return render_markdown(str(self.data.get(key) or ""))

    @property
    def stages(self) -> list[tuple[str, Markup]]:
        stages = self.data.get("stages") or {}
        return [(band.key, render_markdown(stages[band.key])) for band in AGE_BANDS if band.key in stages]


def translation_status(original: ContentItem, translated: ContentItem | None, lang: str) -> str:
    if lang == "en":
        return "original"
    if translated is None:
        return "missing"
    if translated.source_version != original.version:
        return "outdated"
    return str(translated.provenance)


def _page(original: ContentItem, lang: str, translated: ContentItem | None) -> Page:
    shown = translated or original
    return Page(
        kind=original.kind,
        slug=original.slug,
        title=shown.title,
        summary=shown.summary,
        body=shown.body,
        lang=shown.lang,
        translation=translation_status(original, translated, lang),
        needs=tuple(original.needs),
        age_bands=tuple(original.age_bands),
        data=dict(shown.data),
        last_reviewed=original.last_reviewed,
    )


def get_page(kind: str, slug: str, lang: str) -> Page | None:
    original = content_store.get_item(kind, slug, "en")
    if original is None:
        return None
    translated = content_store.get_item(kind, slug, lang) if lang != "en" else None
    return _page(original, lang, translated)


def list_pages(kind: str, lang: str) -> list[Page]:
    originals = content_store.items_of_kind(kind, "en")
    translations = content_store.items_by_slug(kind, lang) if lang != "en" else {}
    return [_page(item, lang, translations.get(item.slug)) for item in originals]


def guides_for(lang: str, need: str | None = None, age_band: str | None = None) -> list[Page]:
    return [
        page
        for page in list_pages("guide", lang)
        if (need is None or need in page.needs) and (age_band is None or age_band in page.age_bands)
    ]


def offer_elements(lang: str, age_band: str | None = None) -> list[Page]:
    pages = [
        page for page in list_pages("childhood_offer", lang) if age_band is None or age_band in page.age_bands
    ]
    return sorted(pages, key=lambda page: int(page.data.get("element", 0)))


@dataclass(frozen=True)
class ServiceFilters:
    need: str | None = None
    age_band: str | None = None
    area: str | None = None
    cost: str | None = None
    access: str | None = None

    def matches(self, page: Page) -> bool:
        data = page.data
        return (
            (self.need is None or self.need in page.needs)
            and (self.age_band is None or self.age_band in page.age_bands)
            # A national or borough-wide service serves every area.
            and (self.area is None or data["area"] in (self.area, "Wirral-wide", "National"))
            and (self.cost is None or data["cost"] == self.cost)
            and (self.access is None or data["access"] in (self.access, "both"))
        )


def services(filters: ServiceFilters, lang: str) -> list[Page]:
    pages = [page for page in list_pages("service", lang) if filters.matches(page)]
    local_first = {area: index for index, area in enumerate(AREAS)}
    return sorted(pages, key=lambda page: (local_first[page.data["area"]], page.title))


def pages_by_slug(kind: str, slugs: list[str], lang: str) -> list[Page]:
    pages = {page.slug: page for page in list_pages(kind, lang)}
    return [pages[slug] for slug in slugs if slug in pages]
