"""Guide, Childhood Offer and service pages as a reader meets them, in all six languages."""

import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask import Flask

from portal.data import content_store
from tests.conftest import LANGUAGES, PROJECT_ROOT, Page

KIND_URLS = {"guide": "/guides/{}", "childhood_offer": "/childhood-offer/{}", "service": "/services/{}"}


def english_ui_strings(lang: str) -> list[str]:
    """Interface strings whose translation differs from the English: if one of
    these shows on a page in `lang` outside English content, it was missed."""
    with (PROJECT_ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    strings = []
    for message in catalog:
        text = message.id if isinstance(message.id, str) else message.id[0]
        if text and "%(" not in text and len(text) > 12 and message.string != text:
            strings.append(text)
    return strings


def visible_text_outside_english(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    # Content (in <article>) may quote interface words on purpose; check the interface around it.
    for element in soup.select('[lang="en"], article, script, style, nav.govuk-language-navigation'):
        element.decompose()
    return soup.get_text(" ", strip=True)


@pytest.fixture(scope="module")
def all_pages(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        return [(kind, item.slug) for kind in KIND_URLS for item in content_store.items_of_kind(kind, "en")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_content_page_renders_in_every_language(client, all_pages, lang: str) -> None:
    missed = english_ui_strings(lang) if lang != "en" else []
    assert len(all_pages) >= 89
    for kind, slug in all_pages:
        url = f"/{lang}" + KIND_URLS[kind].format(slug)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        page = Page(html, 200)
        assert page.lang == lang, url
        assert "Last reviewed" in html or lang != "en", url
        assert page.soup.select_one("#feedback form"), f"{url}: no 'Was this helpful?'"
        outside = visible_text_outside_english(html)
        leaks = [text for text in missed if text in outside]
        assert not leaks, f"{url}: untranslated interface text {leaks[:3]}"


def test_untranslated_page_shows_english_with_a_notice(client, app: Flask) -> None:
    with app.app_context():
        translated = {item.slug for item in content_store.items_of_kind("guide", "pl")}
        slug = next(
            item.slug for item in content_store.items_of_kind("guide", "en") if item.slug not in translated
        )
    page = Page(client.get(f"/pl/guides/{slug}").get_data(as_text=True), 200)
    assert page.lang == "pl"
    article = page.soup.find("article")
    assert article["lang"] == "en"
    notice = page.soup.select_one(".fh-translation-notice")
    assert notice is not None and "English" not in notice.get_text()  # the notice is in Polish


def test_translated_guide_is_shown_in_the_readers_language(client, app: Flask) -> None:
    with app.app_context():
        item = content_store.items_of_kind("guide", "uk")[0]
    page = Page(client.get(f"/uk/guides/{item.slug}").get_data(as_text=True), 200)
    assert page.h1 == item.title
    assert page.soup.find("article").get("lang") is None  # inherits uk from <html>


def test_guide_page_has_help_now_share_links_and_services(client, app: Flask) -> None:
    with app.app_context():
        guide = next(i for i in content_store.items_of_kind("guide", "en") if i.data.get("get_help_now"))
    page = Page(client.get(f"/guides/{guide.slug}").get_data(as_text=True), 200)
    assert "When to get help now" in page.main_text
    sms = page.soup.select_one('a[href^="sms:"]')
    assert sms is not None and guide.slug in sms["href"]
    assert page.soup.select_one(f'a[href^="/services/{guide.data["related_services"][0]}"]')


def test_home_offers_help_by_need_and_by_age(get_page) -> None:
    page = get_page("/")
    assert "What would you like help with?" in page.main_text
    hrefs = {a["href"] for a in page.soup.select("main a")}
    assert "/needs/housing" in hrefs and "/ages/0-2" in hrefs


@pytest.mark.parametrize(
    "path",
    [
        "/needs",
        "/needs/money",
        "/ages",
        "/ages/pregnancy",
        "/childhood-offer",
        "/childhood-offer/my-child",
        "/services",
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_browse_pages_in_every_language(get_page, path: str, lang: str) -> None:
    assert get_page(f"/{lang}{path}").lang == lang


def test_need_page_lists_guides_for_that_need(get_page, app: Flask) -> None:
    with app.app_context():
        housing = {i.title for i in content_store.items_of_kind("guide", "en") if "housing" in i.needs}
    page = get_page("/needs/housing")
    assert housing and all(title in page.main_text for title in housing)


def test_unknown_need_is_not_found(get_page) -> None:
    get_page("/needs/astrology", expected_status=404)


def test_service_directory_filters(client) -> None:
    everything = BeautifulSoup(client.get("/services").get_data(as_text=True), "html.parser")
    housing = BeautifulSoup(
        client.get("/services?need=housing&area=North+Wirral").get_data(as_text=True), "html.parser"
    )
    count = lambda soup: len(soup.select("main .fh-page-list li"))  # noqa: E731
    assert 0 < count(housing) < count(everything)
    assert "Shelter" in housing.get_text()
    professional = BeautifulSoup(
        client.get("/services?access=professional_referral").get_data(as_text=True), "html.parser"
    )
    assert "Drive" in professional.get_text() and "Childline" not in professional.get_text()


def test_service_directory_ignores_unknown_filter_values(client) -> None:
    response = client.get("/services?need=%3Cscript%3E&age=999")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main")[1]


def test_front_door_service_page_shows_the_number_from_contacts(get_page) -> None:
    page = get_page("/services/early-help-front-door")
    assert "0151 606 2008" in page.main_text


def journey(client, day: str, month: str, year: str, csrf: bool = True):
    form_page = client.get("/childhood-offer/my-child").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form_page).group(1)
    data = {"day": day, "month": month, "year": year}
    if csrf:
        data["csrf_token"] = token
    return client.post("/childhood-offer/my-child", data=data)


def test_journey_from_a_date_of_birth(client) -> None:
    from datetime import date

    response = journey(client, "1", "1", str(date.today().year - 1))
    page = Page(response.get_data(as_text=True), 200)
    assert "Babies and toddlers (0 to 2)" in page.main_text
    assert "Form strong attachments" in page.main_text


def test_journey_from_a_due_date(client) -> None:
    from datetime import date, timedelta

    due = date.today() + timedelta(days=60)
    response = journey(client, str(due.day), str(due.month), str(due.year))
    assert "Happy, healthy pregnancy" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("day", "month", "year"), [("31", "2", "2020"), ("", "", ""), ("x", "1", "2020"), ("1", "1", "1950")]
)
def test_journey_explains_a_bad_date(client, day: str, month: str, year: str) -> None:
    response = journey(client, day, month, year)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and "govuk-error-message" in html


def test_journey_without_csrf_token_is_refused(client) -> None:
    response = journey(client, "1", "1", "2020", csrf=False)
    assert response.status_code == 400
    assert "Your form could not be sent" in response.get_data(as_text=True)
