"""Queries and writes for content. The only module that touches ContentItem."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from sqlalchemy import select

from portal.data.models import ContentItem, utcnow
from portal.extensions import db


class ContentRecord(Protocol):
    """What one content row is written from. The content service's checked record has
    these fields; the data layer needs no more than their names."""

    @property
    def kind(self) -> str: ...

    @property
    def slug(self) -> str: ...

    @property
    def lang(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def body(self) -> str: ...

    @property
    def needs(self) -> tuple[str, ...]: ...

    @property
    def age_bands(self) -> tuple[str, ...]: ...

    @property
    def data(self) -> dict[str, Any]: ...

    @property
    def source_path(self) -> str: ...

    @property
    def last_reviewed(self) -> date | None: ...

    @property
    def next_review(self) -> date | None: ...

    @property
    def version(self) -> str | None: ...

    @property
    def provenance(self) -> str | None: ...

    @property
    def source_version(self) -> str | None: ...

    @property
    def source_hash(self) -> str: ...


def shipped_items(source_prefix: str) -> dict[tuple[str, str, str], ContentItem]:
    rows = db.session.scalars(select(ContentItem).where(ContentItem.source_path.startswith(source_prefix)))
    return {(row.kind, row.slug, row.lang): row for row in rows}


def _apply(item: ContentItem, record: ContentRecord) -> None:
    item.title = record.title
    item.summary = record.summary
    item.body = record.body
    item.needs = list(record.needs)
    item.age_bands = list(record.age_bands)
    item.data = dict(record.data)
    item.source_path = record.source_path
    item.source_hash = record.source_hash
    item.last_reviewed = record.last_reviewed
    item.next_review = record.next_review
    item.version = record.version
    item.provenance = record.provenance
    item.source_version = record.source_version
    item.updated_at = utcnow()


def add_item(record: ContentRecord) -> None:
    item = ContentItem(kind=record.kind, slug=record.slug, lang=record.lang)
    _apply(item, record)
    db.session.add(item)


def update_item(item: ContentItem, record: ContentRecord) -> None:
    _apply(item, record)


def remove_item(item: ContentItem) -> None:
    db.session.delete(item)


def commit() -> None:
    db.session.commit()


def rollback() -> None:
    db.session.rollback()


def items_of_kind(kind: str, lang: str = "en") -> list[ContentItem]:
    return list(
        db.session.scalars(
            select(ContentItem)
            .where(ContentItem.kind == kind, ContentItem.lang == lang, ContentItem.published)
            .order_by(ContentItem.id)
        )
    )


def all_published() -> list[ContentItem]:
    return list(db.session.scalars(select(ContentItem).where(ContentItem.published).order_by(ContentItem.id)))


def count_items() -> int:
    return db.session.query(ContentItem).count()


def get_item(kind: str, slug: str, lang: str) -> ContentItem | None:
    return db.session.scalars(
        select(ContentItem).where(
            ContentItem.kind == kind,
            ContentItem.slug == slug,
            ContentItem.lang == lang,
            ContentItem.published,
        )
    ).first()


def items_by_slug(kind: str, lang: str) -> dict[str, ContentItem]:
    return {item.slug: item for item in items_of_kind(kind, lang)}


def item_by_id(item_id: int) -> ContentItem | None:
    return db.session.get(ContentItem, item_id)
