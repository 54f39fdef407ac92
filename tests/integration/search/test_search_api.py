"""/api/search and /search: the contract, bad input and searches that find nothing."""

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.data.search_store import misses_by_count
from portal.services.search.build import rebuild_search_index


@pytest.fixture(scope="module")
def indexed_app(app: Flask) -> Flask:
    with app.app_context():
        rebuild_search_index(app.config["SEARCH_INDEX_DIR"])
    return app


@pytest.fixture()
def search_client(indexed_app: Flask):
    return indexed_app.test_client()


def test_api_contract(search_client) -> None:
    data = search_client.get("/api/search?q=tantrums&lang=en").get_json()
    assert set(data) == {"query", "lang", "results", "suggestion"}
    assert data["query"] == "tantrums" and data["lang"] == "en"
    first = data["results"][0]
    assert set(first) == {"kind", "slug", "title", "url", "needs", "lang", "snippet"}
    assert first["url"] == f"/en/guides/{first['slug']}"
    assert "<" not in first["snippet"]


def test_results_in_the_readers_language_first_and_english_marked(search_client) -> None:
    data = search_client.get("/api/search?q=przemoc+domowa&lang=pl").get_json()
    assert data["results"][0]["lang"] == "pl"
    english = search_client.get("/api/search?q=eviction&lang=pl").get_json()["results"]
    assert english and all(result["lang"] in ("pl", "en") for result in english)
    page = search_client.get("/pl/search?q=shelter").get_data(as_text=True)
    assert 'lang="en"' in page  # an English original shown to a Polish reader is marked as English


def test_filters(search_client) -> None:
    data = search_client.get("/api/search?q=help&lang=en&need=housing&kind=guide").get_json()
    assert data["results"]
    assert all("housing" in r["needs"] and r["kind"] == "guide" for r in data["results"])
    assert search_client.get("/api/search?q=help&need=astrology").status_code == 400
    assert "need must be one of" in search_client.get("/api/search?q=help&need=x").get_json()["error"]


def test_a_typo_gets_a_suggestion_and_results(search_client) -> None:
    data = search_client.get("/api/search?q=tantrms&lang=en").get_json()
    assert data["suggestion"] == "tantrums"
    assert data["results"] and "parenting" in data["results"][0]["needs"]
    page = search_client.get("/search?q=tantrms").get_data(as_text=True)
    assert "Did you mean" in page and 'href="/search?q=tantrums"' in page


def test_lay_terms_find_the_right_guides(search_client) -> None:
    slugs = [r["slug"] for r in search_client.get("/api/search?q=skint&lang=en").get_json()["results"][:3]]
    assert any(
        slug in {"dealing-with-debt-and-bills", "no-money-for-food", "checking-your-benefits"}
        for slug in slugs
    )


def test_snippet_highlights_on_the_page(search_client) -> None:
    page = search_client.get("/search?q=tantrums").get_data(as_text=True)
    assert '<mark class="fh-match' in page


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "(((",
        "AND OR NOT",
        "title:x*",
        "x" * 10_000,
        "🙂🙂 👶",
        "\x00\x07\x1b[31m",
        "\u202eevil\u202c",
        "\u200f\u200e",
        "*",
        "~~~",
        "-- DROP TABLE",
        "<script>alert(1)</script>",
    ],
)
def test_bad_queries_get_an_answer_not_an_error(search_client, query: str) -> None:
    api = search_client.get("/api/search", query_string={"q": query, "lang": "en"})
    assert api.status_code == 200
    assert isinstance(api.get_json()["results"], list)
    page = search_client.get("/search", query_string={"q": query})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.get_data(as_text=True)


def test_empty_query_is_explained(search_client) -> None:
    data = search_client.get("/api/search?q=%20%20&lang=en").get_json()
    assert data["results"] == [] and data["message"] == "Enter some words to search for."


def test_searches_with_no_results_are_recorded_without_anything_else(
    indexed_app: Flask, search_client
) -> None:
    search_client.get("/api/search?q=zxqvbnm+plorf&lang=ro", headers={"X-Forwarded-For": "203.0.113.9"})
    with indexed_app.app_context():
        misses = misses_by_count()
    assert ("zxqvbnm plorf", "ro", 1) in misses
    from portal.data.models import SearchMiss

    assert set(SearchMiss.__table__.columns.keys()) == {"id", "query", "lang", "created_on"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), lang=st.sampled_from(["en", "pl", "ar", "uk", "ro", "zh", "xx"]))
def test_any_text_never_causes_a_server_error(search_client, query: str, lang: str) -> None:
    api = search_client.get("/api/search", query_string={"q": query, "lang": lang})
    assert api.status_code < 500
    page = search_client.get(f"/{lang}/search" if lang != "xx" else "/search", query_string={"q": query})
    assert page.status_code < 500
