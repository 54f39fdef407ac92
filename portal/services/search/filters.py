"""Search filters from a query string, checked against the allowed values (the page and the API)."""

from __future__ import annotations

from collections.abc import Mapping

from portal.services.search.query import Filters
from portal.taxonomy import AGE_BAND_KEYS, AREAS, NEED_KEYS

ALLOWED = {
    "need": NEED_KEYS,
    "age": AGE_BAND_KEYS,
    "kind": ("guide", "childhood_offer", "service"),
    "area": AREAS,
}


def read_filters(args: Mapping[str, str]) -> tuple[Filters, list[str]]:
    """The filters, and a message for each value that is not allowed."""
    values: dict[str, str | None] = {}
    problems = []
    for name, allowed in ALLOWED.items():
        value = args.get(name) or None
        if value is not None and value not in allowed:
            problems.append(f"{name} must be one of: {', '.join(allowed)}")
            value = None
        values[name] = value
    filters = Filters(need=values["need"], age_band=values["age"], kind=values["kind"], area=values["area"])
    return filters, problems
