"""Public pages as a person meets them, in each of the six languages."""

import pytest
from flask import Flask

from tests.conftest import LANGUAGES

PUBLIC_PAGES = ("/", "/help-now")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_is_in_the_readers_language(get_page, lang: str, path: str) -> None:
    page = get_page(f"/{lang}{path}")
    assert page.lang == lang
    assert page.dir == ("rtl" if lang == "ar" else "ltr")


def test_home_page_english(get_page) -> None:
    page = get_page("/")
    assert page.h1 == "Family Help"
    assert page.title == "Family Help"
    assert "call 999" in page.main_text.lower()
    assert "0151 606 2008" in page.main_text  # the front door, from content


def test_polish_home_page_is_translated(get_page) -> None:
    english = get_page("/en/")
    polish = get_page("/pl/")
    assert polish.h1 != english.h1
    assert "Skip to main content" not in polish.text()
    # Numbers come from content and are the same in every language.
    assert "0151 606 2008" in polish.text()


def test_help_now_lists_every_helpline_from_content(get_page) -> None:
    page = get_page("/help-now")
    text = page.main_text
    for number in ("0800 1111", "116 123", "85258", "0808 2000 247", "0151 677 6557"):
        assert number in text
    assert page.soup.find("a", href="tel:08001111") is not None


def test_help_now_offers_exit_this_page_and_home_does_not(get_page) -> None:
    assert get_page("/help-now").soup.select_one(".govuk-exit-this-page a[href]") is not None
    assert get_page("/").soup.select_one(".govuk-exit-this-page") is None


def test_arabic_page_is_right_to_left_and_keeps_numbers_left_to_right(get_page) -> None:
    page = get_page("/ar/help-now")
    assert page.dir == "rtl"
    assert "0800 1111" in page.text()


def test_links_on_a_prefixed_page_keep_the_language(get_page) -> None:
    page = get_page("/uk/")
    hrefs = {a["href"] for a in page.soup.select("main a, .govuk-service-navigation a")}
    assert "/uk/help-now" in hrefs


def test_language_switcher_offers_every_language_for_the_same_page(get_page) -> None:
    page = get_page("/ro/help-now")
    switcher = page.soup.select_one("nav.govuk-language-navigation")
    assert switcher is not None
    links = {a["hreflang"]: a["href"] for a in switcher.select("a")}
    assert links == {code: f"/{code}/help-now" for code in LANGUAGES if code != "ro"}
    current = switcher.select_one("[aria-current]")
    assert current is not None and current["lang"] == "ro"


def test_chosen_language_is_remembered_by_cookie(app: Flask) -> None:
    client = app.test_client()
    response = client.get("/zh/")
    assert "lang=zh" in response.headers.get("Set-Cookie", "")
    follow_up = client.get("/")
    assert 'lang="zh"' in follow_up.get_data(as_text=True)


def test_browser_language_is_used_without_prefix_or_cookie(get_page) -> None:
    page = get_page("/", headers={"Accept-Language": "uk-UA,uk;q=0.9,en;q=0.5"})
    assert page.lang == "uk"


def test_unsupported_browser_language_falls_back_to_english(get_page) -> None:
    assert get_page("/", headers={"Accept-Language": "fr-FR"}).lang == "en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_is_in_the_readers_language(get_page, lang: str) -> None:
    page = get_page(f"/{lang}/no-such-page", expected_status=404)
    assert page.lang == lang
    english = get_page("/en/no-such-page", expected_status=404)
    if lang != "en":
        assert page.h1 != english.h1


def test_server_error_page_is_in_the_readers_language(database_url, tmp_path) -> None:
    from tests.conftest import Page, make_test_app

    app = make_test_app(database_url, tmp_path, PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("simulated fault")

    response = app.test_client().get("/pl/boom")
    assert response.status_code == 500
    page = Page(response.get_data(as_text=True), 500)
    assert page.lang == "pl"
    assert "999" in page.main_text
    assert "simulated fault" not in page.text()


def test_security_headers(client) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self' 'nonce-" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_static_assets_are_served_locally(client) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "https://" not in page.split("<body")[0], "nothing in <head> may load from another site"
    assert client.get("/static/css/app.css").status_code == 200
    assert client.get("/static/vendor/govuk/govuk-frontend.min.js").status_code == 200
