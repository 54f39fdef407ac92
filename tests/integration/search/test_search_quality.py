"""Does the right thing come first? Measured on queries written as parents write them."""

from pathlib import Path

import pytest
import yaml
from flask import Flask

from portal.services.search.build import rebuild_search_index
from portal.services.search.query import Filters, search_site

LABELLED = Path(__file__).with_name("labelled_queries.yaml")
TARGET_HIT_AT_3 = 0.90


def labelled_queries() -> list[tuple[str, str, str]]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    return [(lang, query, need) for lang, pairs in data.items() for query, need in pairs]


@pytest.fixture(scope="module")
def indexed_app(app: Flask) -> Flask:
    with app.app_context():
        rebuild_search_index(app.config["SEARCH_INDEX_DIR"])
    return app


def test_the_labelled_set_is_broad() -> None:
    queries = labelled_queries()
    assert len(queries) >= 60
    assert {lang for lang, _, _ in queries} == {"en", "pl", "ar", "uk", "ro", "zh"}


def test_hit_at_3_is_at_least_90_percent(indexed_app: Flask) -> None:
    misses = []
    queries = labelled_queries()
    with indexed_app.test_request_context():
        for lang, query, need in queries:
            results = search_site(query, lang, Filters()).results[:3]
            if not any(need in result.needs for result in results):
                misses.append((lang, query, need, [r.slug for r in results]))
    hit_rate = 1 - len(misses) / len(queries)
    print(f"hit@3 = {hit_rate:.1%} over {len(queries)} queries; misses: {misses}")
    assert hit_rate >= TARGET_HIT_AT_3, misses
