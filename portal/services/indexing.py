"""Turn published content into search documents and rebuild the index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from portal.data import content_store
from portal.services.search_index import build_index


def search_documents() -> Iterator[dict[str, Any]]:
    for item in content_store.all_published():
        extra = " ".join(str(item.data.get(k, "")) for k in ("phone", "text_number"))
        yield {
            "key": f"{item.kind}:{item.slug}:{item.lang}",
            "kind": item.kind,
            "slug": item.slug,
            "lang": item.lang,
            "title": item.title,
            "body": " ".join(part for part in (item.summary, item.body, extra) if part),
            "needs": ",".join(item.needs),
            "data": {"purpose": item.data.get("purpose")},
        }


def rebuild_search_index(index_root: Path, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild from the database; returns the number of documents indexed."""
    documents = list(search_documents())
    build_index(index_root, documents, progress)
    return len(documents)
