"""The two or three guides and services that fit a family's need, age and area.

The assistant asks for these through the internal API; they come from the
same search as the website, so the assistant never holds a copy of content.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import force_locale, gettext

from portal.services import catalogue
from portal.services.catalogue import KIND_ENDPOINTS, ServiceFilters
from portal.services.chat_triage import ANY
from portal.services.search import Filters, run_search
from portal.taxonomy import NEEDS_BY_KEY

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    kind: str
    slug: str
    title: str
    lang: str
    url: str


def page_url(kind: str, slug: str, lang: str) -> str:
    base = current_app.config["PUBLIC_URL"] or request.url_root.rstrip("/")
    path = url_for(KIND_ENDPOINTS[kind], slug=slug).removeprefix(request.script_root)
    return f"{base}{'' if lang == 'en' else '/' + lang}{path}"


def _fits_area(kind: str, slug: str, area: str | None, lang: str) -> bool:
    if kind != "service" or not area:
        return True
    page = catalogue.get_page("service", slug, lang)
    return page is not None and ServiceFilters(area=area).matches(page)


def suggestions_for(
    need: str, age_band: str | None, area: str | None, words: str, lang: str
) -> list[Suggestion]:
    """Best first: a search with the family's own words, then the need's guides and services."""
    config = current_app.config
    age = None if age_band in (None, ANY) else age_band
    place = None if area in (None, ANY) else area
    found: list[tuple[str, str, str, str]] = []
    if words:
        outcome = run_search(
            config["SEARCH_INDEX_DIR"],
            config["CONTENT_DIR"] / "search" / "synonyms.yaml",
            words,
            lang,
            Filters(need=need, age_band=age),
        )
        found += [
            (r.kind, r.slug, r.title, r.lang)
            for r in outcome.results
            if _fits_area(r.kind, r.slug, place, lang)
        ]
    found += [(p.kind, p.slug, p.title, p.lang) for p in catalogue.guides_for(lang, need, age)]
    found += [
        (p.kind, p.slug, p.title, p.lang) for p in catalogue.services(ServiceFilters(need, age, place), lang)
    ]
    unique = {
        (kind, slug): (kind, slug, title, text_lang) for kind, slug, title, text_lang in reversed(found)
    }
    ordered = list(dict.fromkeys((kind, slug) for kind, slug, _, _ in found))
    return [Suggestion(*unique[key], url=page_url(key[0], key[1], lang)) for key in ordered]


def pick(needs: list[str], age_band: str | None, area: str | None, words: str, lang: str) -> list[Suggestion]:
    """Up to three suggestions: two for the main need, one for the next, no repeats."""
    picked: list[Suggestion] = []
    shares = [MAX_SUGGESTIONS] if len(needs) <= 1 else [MAX_SUGGESTIONS - 1, 1]
    for need, share in zip(needs, shares, strict=False):
        candidates = [s for s in suggestions_for(need, age_band, area, words, lang) if s not in picked]
        picked += candidates[:share]
    if len(picked) < MAX_SUGGESTIONS and needs:
        extra = [s for s in suggestions_for(needs[0], age_band, area, words, lang) if s not in picked]
        picked += extra[: MAX_SUGGESTIONS - len(picked)]
    return picked


def signpost_messages(
    needs: list[str], age_band: str | None, area: str | None, words: str, lang: str
) -> list[str]:
    """What the assistant says: a short lead-in and one line per suggestion."""
    with force_locale(lang):
        if not needs:
            return [gettext("Tell me a little about what is worrying you, in your own words.")]
        suggestions = pick(needs, age_band, area, words, lang)
        if not suggestions:
            return [
                gettext("I couldn't find a guide for that. A person at the Early Help front door can help.")
            ]
        labels = ", ".join(str(NEEDS_BY_KEY[need].label).lower() for need in needs)
        lines = [gettext("Here is what may help with %(needs)s:", needs=labels)]
        for suggestion in suggestions:
            line = f"• {suggestion.title}: {suggestion.url}"
            if suggestion.lang != lang:
                line += " " + gettext("(in English)")
            lines.append(line)
        return ["\n".join(lines)]
