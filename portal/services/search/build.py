"""Turn published content into search documents and rebuild the index."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from portal.data import content_store
from portal.services.search.index import build_index

SEARCHABLE_KINDS = ("guide", "childhood_offer", "service")
MARKDOWN_PUNCTUATION = re.compile(r"[#*_>`\[\]()]|https?://\S+")


def plain_text(markdown_text: str) -> str:
    return MARKDOWN_PUNCTUATION.sub(" ", markdown_text)


def search_document(
    kind: str,
    slug: str,
    lang: str,
    title: str,
    text_parts: list[str],
    needs: list[str],
    age_bands: list[str],
    area: str = "",
) -> dict[str, Any]:
    text = plain_text("\n".join(part for part in text_parts if part))
    return {
        "key": f"{kind}:{slug}:{lang}",
        "kind": kind,
        "slug": slug,
        "lang": lang,
        "needs": ",".join(needs),
        "age_bands": ",".join(age_bands),
        "area": area,
        "title": title,
        "content": text,
        f"title_{lang}": title,
        f"text_{lang}": text,
        f"words_{lang}": f"{title} {text}",
    }


def search_documents() -> Iterator[dict[str, Any]]:
    for item in content_store.all_published():
        if item.kind not in SEARCHABLE_KINDS:
            continue
        data = item.data
        stages = " ".join((data.get("stages") or {}).values())
        extra = [data.get("organisation", ""), data.get("eligibility", ""), data.get("area", "")]
        yield search_document(
            item.kind,
            item.slug,
            item.lang,
            item.title,
            [item.summary, data.get("sms_summary", ""), item.body, stages, *extra],
            list(item.needs),
            list(item.age_bands),
            data.get("area", ""),
        )


def rebuild_search_index(index_root: Path, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild from the database; returns the number of documents indexed."""
    documents = list(search_documents())
    build_index(index_root, documents, progress)
    return len(documents)
