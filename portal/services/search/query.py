"""Search for parents: three words, often misspelt, often not in English.

The query is never parsed as query syntax: it is read as plain words, so
quotes, operators, emoji, control characters and 10 kB strings are all just
text. Each word is looked up in the reader's language and in English; a word
found nowhere is also searched as the nearest known word (and offered as "Did
you mean"); when the typed words find little, lay words pull in the words the
guides use (content/search/synonyms.yaml). A page shows in the reader's
language where translated, otherwise as the English original, marked so.
"""

from __future__ import annotations

import html
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
from whoosh.query import And, Or, Query, Term

from portal.services.search import spelling
from portal.services.search.analysis import WORD, analyzer_for
from portal.services.search.index import current_index_dir
from portal.services.search.spelling import Speller

MAX_QUERY_CHARACTERS = 200
MAX_WORDS = 12
RESULTS = 10
SNIPPET_SCAN_CHARACTERS = 600
SNIPPET_CHARACTERS = 220
SYNONYMS_BELOW = 3
COMMON_SHARE = 0.3
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
        return html.unescape(re.sub(r"<[^>]+>", "", str(self.snippet_html)))


@dataclass
class SearchOutcome:
    query: str
    lang: str
    results: list[SearchResult] = field(default_factory=list)
    suggestion: str | None = None
    problem: str | None = None  # "empty": nothing to search for; "unavailable": no index


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


def build_query(words: list[str], extra_terms: dict[str, list[str]], langs: list[str]) -> Query | None:
    """An OR of every distinct analysed term in each language's fields: pages
    matching more of the words score higher. Synonyms count for a little less
    and only in the language they were written for."""
    weights: dict[tuple[str, str], float] = {}
    for lang in langs:
        analyse = analyzer_for(lang)
        for word in words:
            for token in analyse(word):
                weights[(lang, token.text)] = 1.0
        for term in extra_terms.get(lang, []):
            for token in analyse(term):
                weights.setdefault((lang, token.text), 0.6)
    clauses: list[Query] = [
        Term(f"{kind}_{lang}", text, boost=boost)
        for (lang, text), boost in weights.items()
        for kind in ("title", "text")
    ]
    return Or(clauses) if clauses else None


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
        self._spellers: dict[tuple[Path | None, str], Speller] = {}

    def searcher(self) -> Any:
        directory = current_index_dir(self.root)  # follows the symlink, so a new build is noticed
        if directory is None:
            return None
        with self._lock:
            if directory != self._ix_dir:
                # Only a newly swapped-in build is checked and opened; the hot path stays a readlink.
                if not index.exists_in(directory):
                    return None
                self._ix, self._ix_dir = index.open_dir(directory), directory
                self._spellers = {}
            ix = self._ix
        searcher = getattr(self._local, "searcher", None)
        if searcher is None or getattr(self._local, "ix", None) is not ix:
            searcher = ix.searcher(weighting=scoring.BM25F())
            self._local.searcher, self._local.ix = searcher, ix
        else:
            searcher = searcher.refresh()
            self._local.searcher = searcher
        return searcher

    def speller(self, searcher: Any, lang: str) -> Speller:
        """Built once per index build and language (about a second at 50,000 documents)."""
        with self._lock:
            key = (self._ix_dir, lang)
            if key not in self._spellers:
                self._spellers[key] = Speller(searcher, f"words_{lang}")
            return self._spellers[key]


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


def _snippet(text: str, terms: frozenset[str], lang: str) -> Markup:
    """A window of the page's opening around the first matched word, matches in <mark>.

    Written here rather than with Whoosh's highlighter, which cost more than
    the search itself: words are stemmed with the same (cached) stemmer."""
    text = text[:SNIPPET_SCAN_CHARACTERS]
    analyse = analyzer_for(lang)
    spans: list[tuple[int, int]] = []
    for token in analyse(text, chars=True, removestops=False):
        if token.text in terms and (not spans or token.startchar >= spans[-1][1]):
            spans.append((token.startchar, token.endchar))
    if not spans:
        cut = text[:SNIPPET_CHARACTERS].rsplit(" ", 1)[0] if len(text) > SNIPPET_CHARACTERS else text
        return Markup(escape(cut) + (" …" if len(text) > len(cut) else ""))  # noqa: S704 — escape() above
    start = max(0, spans[0][0] - 60)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + SNIPPET_CHARACTERS)
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(Markup('<mark class="fh-match">%s</mark>') % text[span_start:span_end])
        position = span_end
    pieces.append(escape(text[position:end]))
    return Markup("".join(str(piece) for piece in pieces)) + (" …" if end < len(text) else "")  # noqa: S704 — every piece is escaped; the <mark> template is ours


def _query_terms(query: Query) -> frozenset[str]:
    return frozenset(
        term.decode("utf-8") if isinstance(term, bytes) else term for _field, term in query.iter_all_terms()
    )


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
    groups = {code: synonyms(synonyms_path).get(code, []) for code in langs}
    vocabulary = {
        word for code in langs for group in groups[code] for term in group for word in WORD.findall(term)
    }
    index_holder = search_index_for(root)
    spellers = [index_holder.speller(searcher, code) for code in langs]
    corrections = spelling.corrections(spellers, words, vocabulary)
    if corrections:
        corrected_text = " ".join(corrections.get(word, word) for word in words)
        outcome.suggestion = corrected_text
        # Typo tolerance: search for the corrected words as well as the typed ones.
        words = words + list(corrections.values())
        query_text = f"{query_text} {corrected_text}"
    # The typed words first; parents' synonyms only when those find little. Each
    # synonym adds terms to score, and at tens of thousands of pages that costs.
    outcome.results = _search(searcher, words, {}, langs, lang, filters)
    if len(outcome.results) < SYNONYMS_BELOW:
        extra = {code: expand_synonyms(query_text, groups[code]) for code in langs}
        if any(extra.values()):
            outcome.results = _search(searcher, words, extra, langs, lang, filters)
    return outcome


def without_common_terms(searcher: Any, query: Query | None) -> Query | None:
    """Drop terms found in more than COMMON_SHARE of all pages when rarer terms
    remain (as Lucene's common-terms query does): "help" or "child" barely
    change the ranking but, on a large index, cost most of the scoring."""
    if query is None or not isinstance(query, Or):
        return query
    total = max(1, searcher.doc_count())

    def common(clause: Query) -> bool:
        # Judge a word by the body field of its language, so its title clause goes with it.
        if not isinstance(clause, Term):
            return False
        body_field = "text_" + clause.fieldname.split("_", 1)[1]
        return bool(searcher.doc_frequency(body_field, clause.text) > COMMON_SHARE * total)

    rare = [clause for clause in query.subqueries if not common(clause)]
    if not rare or len(rare) == len(query.subqueries):
        return query
    return Or(rare)


def _search(
    searcher: Any,
    words: list[str],
    extra: dict[str, list[str]],
    langs: list[str],
    lang: str,
    filters: Filters,
) -> list[SearchResult]:
    query = without_common_terms(searcher, build_query(words, extra, langs))
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
    terms = _query_terms(query)
    for key in order[:RESULTS]:
        hit = chosen[key]
        if hit["lang"] != lang and lang != "en":
            translated = searcher.document(key=f"{key[0]}:{key[1]}:{lang}")
            if translated is not None:
                hit = translated
        results.append(_result(hit, terms))
    return results


def _result(fields: dict[str, Any], terms: frozenset[str]) -> SearchResult:
    return SearchResult(
        kind=fields["kind"],
        slug=fields["slug"],
        title=fields["title"],
        lang=fields["lang"],
        needs=tuple(n for n in fields["needs"].split(",") if n),
        snippet_html=_snippet(fields["content"] or "", terms, fields["lang"]),
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


def misses_by_count(limit: int = 50) -> list[tuple[str, str, int]]:
    """Searches that found nothing, most frequent first (for editors)."""
    from portal.data import search_store

    return search_store.misses_by_count(limit)
