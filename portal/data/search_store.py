"""Searches that found nothing, kept for editors."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select

from portal.data.models import SearchMiss
from portal.extensions import db


def record_miss(query: str, lang: str) -> None:
    db.session.add(SearchMiss(query=query[:200], lang=lang))
    db.session.commit()


def misses_by_count(limit: int = 50) -> list[tuple[str, str, int]]:
    rows = db.session.execute(
        select(SearchMiss.query, SearchMiss.lang, func.count().label("n"))
        .group_by(SearchMiss.query, SearchMiss.lang)
        .order_by(func.count().desc(), SearchMiss.query)
        .limit(limit)
    )
    return [(query, lang, count) for query, lang, count in rows]


def purge_misses(before: date) -> int:
    """Searches that found nothing, older than `before` (the words may name someone)."""
    result = db.session.execute(delete(SearchMiss).where(SearchMiss.created_on < before))
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
