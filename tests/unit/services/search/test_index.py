"""The search index is built whole and swapped in at once."""

from pathlib import Path

import pytest
from whoosh import index
from whoosh.qparser import QueryParser

from portal.services.search.build import search_document
from portal.services.search.index import CURRENT, build_index, current_index_dir, index_status


def documents(n: int, word: str):
    for i in range(n):
        yield search_document("guide", str(i), "en", f"{word} {i}", [f"about {word}"], ["parenting"], ["0-2"])


def search(root: Path, word: str) -> int:
    ix = index.open_dir(current_index_dir(root))
    with ix.searcher() as searcher:
        return len(searcher.search(QueryParser("text_en", ix.schema).parse(word)))


def test_a_new_build_replaces_the_current_index(tmp_path: Path) -> None:
    first = build_index(tmp_path, documents(3, "tantrums"))
    assert search(tmp_path, "tantrums") == 3
    second = build_index(tmp_path, documents(5, "sleep"))
    assert (tmp_path / CURRENT).resolve() == second != first
    assert search(tmp_path, "sleep") == 5 and search(tmp_path, "tantrums") == 0
    assert index_status(tmp_path)["documents"] == 5


def test_a_failed_build_leaves_the_current_index_alone(tmp_path: Path) -> None:
    build_index(tmp_path, documents(2, "school"))

    def broken():
        yield from documents(1, "money")
        raise RuntimeError("content went away mid-build")

    with pytest.raises(RuntimeError, match="mid-build"):
        build_index(tmp_path, broken())
    assert search(tmp_path, "school") == 2
    assert len(list((tmp_path / "builds").iterdir())) == 1


def test_old_builds_are_removed(tmp_path: Path) -> None:
    for word in ("a1", "b2", "c3", "d4"):
        build_index(tmp_path, documents(1, word))
    assert len(list((tmp_path / "builds").iterdir())) == 2
