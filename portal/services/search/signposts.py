"""The two or three guides and services that fit a family's need, age and area.

The assistant asks for these through the internal API; they come from the
same search as the website, so the assistant never holds a copy of content.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import force_locale, gettext

from portal.data import content_store
from portal.services.content import catalogue
from portal.services.content.catalogue import KIND_ENDPOINTS, ServiceFilters
from portal.services.reading.triage import ANY
from portal.services.search.query import Filters, run_search
from portal.taxonomy import NEEDS_BY_KEY

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    kind: str
    slug: str
    title: str
    lang: str
    url: str
    phone: str = ""  # a service's number: the way to reach it, one tap away
    local: bool = False  # a service in the family's own area


def page_url(kind: str, slug: str, lang: str) -> str:
    base = current_app.config["PUBLIC_URL"] or request.url_root.rstrip("/")
    path = url_for(KIND_ENDPOINTS[kind], slug=slug).removeprefix(request.script_root)
    return f"{base}{'' if lang == 'en' else '/' + lang}{path}"


SMS_SUGGESTIONS = 2


def short_url(kind: str, slug: str, lang: str) -> str:
    """A short link for a text message: /s/<English item id in base 36>, in the reader's
    language (every character of a text is paid for)."""
    item = content_store.get_item(kind, slug, "en")
    if item is None:
        return page_url(kind, slug, lang)
    base = current_app.config["PUBLIC_URL"] or request.url_root.rstrip("/")
    return f"{base}{'' if lang == 'en' else '/' + lang}/s/{to_base36(item.id)}"


def short_link_target(code: str, lang: str) -> str | None:
    """Where a short link /s/<code> leads, in the reader's language; None for a code that
    names no published page (a typo, an old text, a guess)."""
    try:
        number = int(code, 36)
    except ValueError:
        return None
    # Ids are 32-bit integers: a larger number names nothing (and PostgreSQL refuses to look).
    item = content_store.item_by_id(number) if 0 < number < 2**31 else None
    if item is None or not item.published or item.kind not in KIND_ENDPOINTS:
        return None  # a contact or site record has an id but no page of its own
    return page_url(item.kind, item.slug, lang)


def to_base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _fits_area(kind: str, slug: str, area: str | None, lang: str) -> bool:
    if kind != "service" or not area:
        return True
    page = catalogue.get_page("service", slug, lang)
    return page is not None and ServiceFilters(area=area).matches(page)


def suggestions_for(
    need: str, age_band: str | None, area: str | None, words: str, lang: str
) -> list[Suggestion]:
    """Best first: a search with the family's own words, then the need's guides and services.

    The lists from the catalogue are read only when the search found too few,
    which keeps a busy turn short.
    """
    config = current_app.config
    age = None if age_band in (None, ANY) else age_band
    place = None if area in (None, ANY) else area
    found: dict[tuple[str, str], Suggestion] = {}

    def add(kind: str, slug: str, title: str, text_lang: str) -> None:
        found.setdefault((kind, slug), Suggestion(kind, slug, title, text_lang, page_url(kind, slug, lang)))

    if words:
        outcome = run_search(
            config["SEARCH_INDEX_DIR"],
            config["CONTENT_DIR"] / "search" / "synonyms.yaml",
            words,
            lang,
            Filters(need=need, age_band=age),
        )
        for result in outcome.results:
            if _fits_area(result.kind, result.slug, place, lang):
                add(result.kind, result.slug, result.title, result.lang)
    if len(found) < MAX_SUGGESTIONS:
        for page in catalogue.guides_for(lang, need, age):
            add(page.kind, page.slug, page.title, page.lang)
    if len(found) < MAX_SUGGESTIONS + 1:
        for page in catalogue.services(ServiceFilters(need, age, place), lang):
            add(page.kind, page.slug, page.title, page.lang)
    return list(found.values())


def _with_contact(
    suggestion: Suggestion, services: dict[str, catalogue.Page], area: str | None
) -> Suggestion:
    page = services.get(suggestion.slug) if suggestion.kind == "service" else None
    if page is None:
        return suggestion
    phone = str((page.data.get("contact") or {}).get("phone") or "")
    local = bool(area) and page.data.get("area") == area
    return Suggestion(
        suggestion.kind, suggestion.slug, suggestion.title, suggestion.lang, suggestion.url, phone, local
    )


def _local_service(
    need: str, age_band: str | None, area: str, services: dict[str, catalogue.Page], lang: str
) -> Suggestion | None:
    """A service in the family's own area with a way to reach it (a number, an address or a
    website): the first for the need (and age), else the area's family hub, which is every
    family's local way in to help."""
    age = None if age_band in (None, ANY) else age_band
    here = [
        page
        for page in services.values()
        if page.data.get("area") == area
        and ServiceFilters(None, age, area).matches(page)
        and (page.data.get("contact") or page.data.get("locations"))
    ]
    for_need = [page for page in here if need in page.needs]
    hubs = [page for page in here if page.data.get("service_type") == "family_hub"]
    for page in [*for_need, *hubs][:1]:
        found = Suggestion(page.kind, page.slug, page.title, page.lang, page_url(page.kind, page.slug, lang))
        return _with_contact(found, services, area)
    return None


def pick(needs: list[str], age_band: str | None, area: str | None, words: str, lang: str) -> list[Suggestion]:
    """Up to three suggestions: two for the main need, one for the next, no repeats.

    When the family's area is known, one of them is a service in that area with a
    way to reach it (a family hub when nothing more specific is there).
    """
    candidates = {need: suggestions_for(need, age_band, area, words, lang) for need in needs[:2]}
    picked: list[Suggestion] = []
    shares = [MAX_SUGGESTIONS] if len(needs) <= 1 else [MAX_SUGGESTIONS - 1, 1]
    for need, share in zip(needs, shares, strict=False):
        picked += [s for s in candidates[need] if s not in picked][:share]
    if len(picked) < MAX_SUGGESTIONS and needs:
        picked += [s for s in candidates[needs[0]] if s not in picked][: MAX_SUGGESTIONS - len(picked)]
    # Never an English-only page first when one in the family's language fits (a stable sort:
    # otherwise the search's order stands).
    picked.sort(key=lambda suggestion: suggestion.lang != lang)
    place = None if area in (None, ANY) else area
    if not any(s.kind == "service" for s in picked) and not place:
        return picked
    services = {page.slug: page for page in catalogue.list_pages("service", lang)}  # read once
    picked = [_with_contact(s, services, place) for s in picked]
    if place and needs and not any(s.local for s in picked):
        local = _local_service(needs[0], age_band, place, services, lang)
        if local is not None:
            picked = [*picked[: MAX_SUGGESTIONS - 1], local]
    return picked


def signpost_messages(
    needs: list[str], age_band: str | None, area: str | None, words: str, lang: str, channel: str = "web"
) -> list[str]:
    """What the assistant says: a short lead-in and one line per suggestion (by text:
    two suggestions, with short links)."""
    with force_locale(lang):
        if not needs:
            return [gettext("Tell me a little about what is worrying you, in your own words.")]
        suggestions = pick(needs, age_band, area, words, lang)
        if channel == "sms":
            by_text = [*suggestions[: SMS_SUGGESTIONS - 1], *[s for s in suggestions if s.local][:1]]
            by_text = by_text if len(by_text) == SMS_SUGGESTIONS else suggestions[:SMS_SUGGESTIONS]
            suggestions = [
                Suggestion(s.kind, s.slug, s.title, s.lang, short_url(s.kind, s.slug, lang), s.phone, s.local)
                for s in by_text
            ]
        if not suggestions:
            return [
                gettext("I couldn't find a guide for that. A person at the Early Help front door can help.")
            ]
        labels = ", ".join(str(NEEDS_BY_KEY[need].label).lower() for need in needs)
        lines = [gettext("Here is what may help with %(needs)s:", needs=labels)]
        for suggestion in suggestions:
            line = f"• {suggestion.title}: {suggestion.url}"
            if suggestion.phone:
                line += " " + gettext("(call %(phone)s)", phone=suggestion.phone)
            if suggestion.lang != lang:
                line += " " + gettext("(in English)")
            lines.append(line)
        return ["\n".join(lines)]
