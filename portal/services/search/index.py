"""Build the Whoosh search index and swap it in atomically.

Each build goes into a new folder under search_index/builds/; when it is
complete, the `current` symlink is replaced in one rename, so a searcher
never opens a half-built index. Older builds are removed afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.analysis import LowercaseFilter as Lowercase
from whoosh.analysis import RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from portal.i18n import LANGUAGES
from portal.services.search.analysis import WORD, analyzer_for

CURRENT = "current"
BUILDS = "builds"
META_FILE = "familyhelp-index.json"
KEEP_BUILDS = 2


def make_schema() -> Schema:
    """One document per page per language. Each language has its own title and
    text fields with that language's analysis; `words_<lang>` keeps unstemmed
    words as the dictionary for "did you mean"."""
    fields: dict = {
        "key": ID(stored=True, unique=True),
        "kind": ID(stored=True),
        "slug": ID(stored=True),
        "lang": ID(stored=True),
        "needs": KEYWORD(stored=True, commas=True),
        "age_bands": KEYWORD(stored=True, commas=True),
        "area": ID(stored=True),
        "title": STORED(),
        "content": STORED(),
    }
    for code in LANGUAGES:
        # No positions (phrase=False): searches are bags of words, and positions
        # would double the postings to write and read.
        fields[f"title_{code}"] = TEXT(analyzer=analyzer_for(code), field_boost=3.0, phrase=False)
        fields[f"text_{code}"] = TEXT(analyzer=analyzer_for(code), phrase=False)
        fields[f"words_{code}"] = TEXT(analyzer=RegexTokenizer(WORD) | Lowercase(), phrase=False)
    return Schema(**fields)


def build_index(
    index_root: Path,
    documents: Iterable[dict[str, Any]],
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Write a complete new index, then make it the current one."""
    builds = index_root / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    target = builds / time.strftime("%Y%m%dT%H%M%S")
    target = Path(f"{target}-{os.getpid()}-{time.monotonic_ns()}")
    target.mkdir()
    ix = index.create_in(target, make_schema())
    writer = ix.writer(limitmb=256)
    count = 0
    try:
        for count, document in enumerate(documents, start=1):
            writer.add_document(**document)
            if progress and count % 100 == 0:
                progress(count)
        writer.commit()
    except BaseException:
        writer.cancel()
        shutil.rmtree(target, ignore_errors=True)
        raise
    meta = {"documents": count, "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (target / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    _swap_current(index_root, target)
    _remove_old_builds(builds, keep=target)
    return target


def _swap_current(index_root: Path, target: Path) -> None:
    link = index_root / CURRENT
    temporary = index_root / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(target.relative_to(index_root))
    os.replace(temporary, link)  # atomic on POSIX


def _remove_old_builds(builds: Path, keep: Path) -> None:
    old = sorted((p for p in builds.iterdir() if p != keep), key=lambda p: p.stat().st_mtime)
    for path in old[: max(0, len(old) - (KEEP_BUILDS - 1))]:
        shutil.rmtree(path, ignore_errors=True)


def current_index_dir(index_root: Path) -> Path | None:
    link = index_root / CURRENT
    return link.resolve() if link.exists() else None


def index_status(index_root: Path) -> dict[str, Any]:
    directory = current_index_dir(index_root)
    if directory is None or not index.exists_in(directory):
        return {"status": "down", "detail": "no index built (run `make index`)"}
    try:
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"status": "down", "detail": "index metadata unreadable"}
    return {"status": "up", "documents": meta["documents"], "built_at": meta["built_at"]}
