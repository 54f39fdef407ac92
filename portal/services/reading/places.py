"""Which area of the borough a family lives in, from the town or postcode they name.

A parent who writes "we're in Birkenhead" or "CH46" has told us their area;
asking "which part of Wirral?" again tells them we did not listen. The towns,
their spellings in other scripts and the postcode districts are content
(content/site/places.yaml), so a council changes them without code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from flask import current_app, has_app_context

from portal.services.reading.normalise import normalise
from portal.taxonomy import AREAS


@lru_cache(maxsize=4)
def _matchers(path: Path) -> tuple[tuple[re.Pattern[str], str], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: list[tuple[str, str]] = []
    for area, entry in (data.get("areas") or {}).items():
        if area not in AREAS:
            raise ValueError(f"{path.name}: unknown area {area!r}")
        for postcode in entry.get("postcodes") or []:
            # Not \b: Chinese characters are word characters too ("住在CH46").
            found.append((rf"(?<![a-z0-9]){normalise(postcode)}(\s*\d[a-z]{{2}})?(?![a-z0-9])", area))
        for place in entry.get("places") or []:
            for name in [place["name"], *(place.get("also") or [])]:
                spelt = re.escape(normalise(str(name))).replace(r"\ ", r"[\s-]*").replace(r"\-", r"[\s-]*")
                found.append((rf"(?<!\w){spelt}(?!\w)" if name.isascii() else spelt, area))
    # Longest names first: "West Kirby" before "Kirby", "Wallasey Village" before "Wallasey".
    found.sort(key=lambda pair: -len(pair[0]))
    return tuple((re.compile(pattern), area) for pattern, area in found)


SHIPPED = Path(__file__).resolve().parents[3] / "content" / "site" / "places.yaml"


def places_file() -> Path:
    """The running site's places (its CONTENT_DIR), or the shipped ones outside a request."""
    if has_app_context():
        return Path(current_app.config["CONTENT_DIR"]) / "site" / "places.yaml"
    return SHIPPED


def area_named_in(text: str, path: Path | None = None) -> str | None:
    """The area of the first town, village or postcode district the text names, if any."""
    plain = normalise(text)
    for pattern, area in _matchers(path or places_file()):
        if pattern.search(plain):
            return area
    return None
