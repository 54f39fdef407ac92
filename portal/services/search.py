"""Search for parents: three words, often misspelt, often not in English.

The query is never parsed as query syntax: it is read as plain words, so
quotes, operators, emoji, control characters and 10 kB strings are all just
text. Each word is looked up in the reader's language and in English, exactly
and (for longer words) within one typing mistake; lay words pull in the words
the guides use (content/search/synonyms.yaml). A page shows in the reader's
language where translated, otherwise as the English original, marked so.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup, escape
from whoosh import index, scoring
from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight
from whoosh.query import And, Or, Query, Term

from portal.services.search_analysis import WORD, analyzer_for
from portal.services.search_index import current_index_dir

MAX_QUERY_CHARACTERS = 200
MAX_WORDS = 12
RESULTS = 10
SNIPPET_SCAN_CHARACTERS = 1200
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class SearchResult:
    kind: str
    slug: str
    title: str
    lang: str
    needs: tuple[str, ...]
    snippet_html: Markup

    @property
    def snippet(self) -> str:
        return (
            re.sub(r"<[^>]+>", "", str(self.snippet_html))
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&quot;", '"')
        )


@dataclass
class SearchOutcome:
    query: str
    lang: str
    results: list[SearchResult] = field(default_factory=list)
    suggestion: str | None = None
    problem: str | None = None  # "empty": nothing to search for


def clean_query(raw: str) -> str:
    """Plain words only, within a sensible length."""
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_CHARACTERS * 4])
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARACTERS]


@cache
def synonyms(path: Path) -> dict[str, list[list[str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {
        lang: [[str(term).lower() for term in group] for group in groups] for lang, groups in data.items()
    }


def expand_synonyms(text: str, groups: list[list[str]]) -> list[str]:
    """Other terms of every group one of whose terms appears in the query."""
    lowered = f" {text.lower()} "
    extra: list[str] = []
    for group in groups:
        if any(f" {term} " in lowered for term in group):
            extra.extend(term for term in group if f" {term} " not in lowered)
    return extra


def _word_query(word: str, fields: list[tuple[str, str]], boost: float) -> Query | None:
    clauses: list[Query] = []
    for field_name, lang in fields:
        for token in analyzer_for(lang)(word):
            term = token.text
            clauses.append(Term(field_name, term, boost=boost))
    return Or(clauses) if clauses else None


def build_query(words: list[str], extra_terms: list[str], langs: list[str]) -> Query | None:
    fields = [(f"{kind}_{lang}", lang) for lang in langs for kind in ("title", "text")]
    parts = [q for w in words if (q := _word_query(w, fields, 1.0))]
    for term in extra_terms:
        for word in WORD.findall(term):
            if q := _word_query(word, fields, 0.6):
                parts.append(q)
    return Or(parts) if parts else None


class SearchIndex:
    """The index opened once per process; each thread keeps a searcher and
    refreshes it per search (microseconds when nothing changed), reopening
    only when a new build has been swapped in."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._local = threading.local()
        self._ix: Any = None
        self._ix_dir: Path | None = None

    def searcher(self) -> Any:
        directory = current_index_dir(self.root)
        if directory is None or not index.exists_in(directory):
            return None
        with self._lock:
            if directory != self._ix_dir:
                self._ix, self._ix_dir = index.open_dir(directory), directory
            ix = self._ix
        searcher = getattr(self._local, "searcher", None)
        if searcher is None or getattr(self._local, "ix", None) is not ix:
            searcher = ix.searcher(weighting=scoring.BM25F())
            self._local.searcher, self._local.ix = searcher, ix
        else:
            searcher = searcher.refresh()
            self._local.searcher = searcher
        return searcher


_indexes: dict[Path, SearchIndex] = {}
_indexes_lock = threading.Lock()


def search_index_for(root: Path) -> SearchIndex:
    with _indexes_lock:
        if root not in _indexes:
            _indexes[root] = SearchIndex(root)
        return _indexes[root]


@dataclass(frozen=True)
class Filters:
    need: str | None = None
    age_band: str | None = None
    kind: str | None = None
    area: str | None = None

    def query(self) -> Query | None:
        terms = [
            Term(name, value)
            for name, value in (
                ("needs", self.need),
                ("age_bands", self.age_band),
                ("kind", self.kind),
                ("area", self.area),
            )
            if value
        ]
        return And(terms) if terms else None


def _corrections(searcher: Any, words: list[str], lang: str, vocabulary: set[str]) -> dict[str, str]:
    """Spelling corrections for words found nowhere in the index or the synonym list."""
    corrections = {}
    for word in words:
        lowered = word.lower()
        if len(lowered) < 4 or lowered in vocabulary or lowered.isdigit():
            continue
        fields = [f"words_{code}" for code in dict.fromkeys((lang, "en"))]
        if any(searcher.doc_frequency(name, lowered) for name in fields):
            continue
        for name in fields:
            options = searcher.corrector(name).suggest(lowered, limit=1, maxdist=1 if len(lowered) < 7 else 2)
            if options:
                corrections[word] = options[0]
                break
    return corrections


def _snippet(searcher: Any, hit: Any, query: Query, lang: str) -> Markup:
    # Highlighting analyses the text it scans; the opening of a page is where a
    # good snippet usually is, and scanning all of it costs more than the search.
    text = (hit["content"] or "")[:SNIPPET_SCAN_CHARACTERS]
    terms = frozenset(
        term.decode("utf-8") if isinstance(term, bytes) else term for _field, term in query.iter_all_terms()
    )
    formatter = HtmlFormatter(tagname="mark", classname="fh-match", between=" … ")
    fragment = highlight(
        text,
        frozenset(terms),
        analyzer_for(lang),
        ContextFragmenter(maxchars=180, surround=60),
        formatter,
        top=2,
    )
    if not fragment:
        fragment = str(escape(text[:180].rsplit(" ", 1)[0])) + (" …" if len(text) > 180 else "")
    return Markup(fragment)


def run_search(root: Path, synonyms_path: Path, raw_query: str, lang: str, filters: Filters) -> SearchOutcome:
    query_text = clean_query(raw_query)
    outcome = SearchOutcome(query=query_text, lang=lang)
    words = WORD.findall(query_text)[:MAX_WORDS]
    if not words:
        outcome.problem = "empty"
        return outcome
    searcher = search_index_for(root).searcher()
    if searcher is None:
        outcome.problem = "unavailable"
        return outcome
    langs = list(dict.fromkeys((lang, "en")))
    groups = [g for code in langs for g in synonyms(synonyms_path).get(code, [])]
    vocabulary = {word for group in groups for term in group for word in WORD.findall(term)}
    corrections = _corrections(searcher, words, lang, vocabulary)
    if corrections:
        corrected_text = " ".join(corrections.get(word, word) for word in words)
        outcome.suggestion = corrected_text
        # Typo tolerance: search for the corrected words as well as the typed ones.
        words = words + list(corrections.values())
        query_text = f"{query_text} {corrected_text}"
    outcome.results = _search(searcher, words, expand_synonyms(query_text, groups), langs, lang, filters)
    return outcome


def _search(
    searcher: Any, words: list[str], extra: list[str], langs: list[str], lang: str, filters: Filters
) -> list[SearchResult]:
    query = build_query(words, extra, langs)
    if query is None:
        return []
    hits = searcher.search(query, limit=RESULTS * 4, filter=filters.query())
    chosen: dict[tuple[str, str], Any] = {}
    order: list[tuple[str, str]] = []
    for found in hits:
        hit = found.fields()
        key = (hit["kind"], hit["slug"])
        if hit["lang"] not in (lang, "en"):
            continue
        if key not in chosen:
            order.append(key)
            chosen[key] = hit
        elif hit["lang"] == lang and chosen[key]["lang"] != lang:
            chosen[key] = hit  # the reader's language wins over the English original
    results = []
    for key in order[:RESULTS]:
        hit = chosen[key]
        if hit["lang"] != lang and lang != "en":
            translated = searcher.document(key=f"{key[0]}:{key[1]}:{lang}")
            if translated is not None:
                hit = translated
        results.append(_result(searcher, hit, query, lang))
    return results


def _result(searcher: Any, fields: dict[str, Any], query: Query, reader_lang: str) -> SearchResult:
    return SearchResult(
        kind=fields["kind"],
        slug=fields["slug"],
        title=fields["title"],
        lang=fields["lang"],
        needs=tuple(n for n in fields["needs"].split(",") if n),
        snippet_html=_snippet(searcher, fields, query, fields["lang"]),
    )


def search_site(raw_query: str, lang: str, filters: Filters) -> SearchOutcome:
    """Search the current index with this app's settings; remember searches that find nothing."""
    from flask import current_app

    from portal.data import search_store

    config = current_app.config
    outcome = run_search(
        config["SEARCH_INDEX_DIR"],
        config["CONTENT_DIR"] / "search" / "synonyms.yaml",
        raw_query,
        lang,
        filters,
    )
    if outcome.problem is None and not outcome.results:
        try:
            search_store.record_miss(outcome.query, lang)
        except Exception:  # the reader still gets their answer if the note cannot be written
            current_app.logger.warning("could not record a search with no results")
    return outcome
