"""Each page type passes axe-core (WCAG 2.2 AA) with and without JavaScript,
and the Arabic layout really is mirrored."""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/{lang}/",
    "help_now": "/{lang}/help-now",
    "not_found": "/{lang}/no-such-page",
    "needs": "/{lang}/needs",
    "need": "/{lang}/needs/domestic_abuse",
    "age": "/{lang}/ages/0-2",
    "guide": "/{lang}/guides/toddler-tantrums",
    "guide_untranslated": "/{lang}/guides/homeless-tonight",
    "offer": "/{lang}/childhood-offer",
    "offer_element": "/{lang}/childhood-offer/form-strong-attachments",
    "journey": "/{lang}/childhood-offer/my-child",
    "services": "/{lang}/services?need=housing",
    "service": "/{lang}/services/seacombe-family-hub",
    "search": "/{lang}/search?q=tantrms",
    "search_empty": "/{lang}/search?q=zzzqqq",
    "chat": "/{lang}/chat",
    "chat_panel": "/{lang}/chat/panel",
    "staff_sign_in": "/{lang}/frontdoor/sign-in",
    "withdraw": "/{lang}/withdraw",
}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("page_type", sorted(PAGES))
def test_page_passes_axe(axe, live_url: str, page_type: str, lang: str, javascript: bool) -> None:
    page = axe.open(live_url + PAGES[page_type].format(lang=lang), javascript)
    try:
        has_js_class = "js-enabled" in page.evaluate("document.body.className")
        assert has_js_class is javascript
        violations = axe.violations(page)
    finally:
        page.context.close()
    assert violations == [], violations


def test_arabic_layout_is_mirrored(axe, live_url: str) -> None:
    page = axe.open(live_url + "/ar/help-now", javascript=True)
    try:
        width = page.viewport_size["width"]
        heading = page.locator("h1").bounding_box()
        exit_button = page.locator(".govuk-exit-this-page").bounding_box()
        page.screenshot(path="/tmp/familyhelp-ar-help-now.png", full_page=True)
    finally:
        page.context.close()
    # Right-to-left: the heading starts at the right edge, the exit button sits on the left.
    assert heading["x"] + heading["width"] > width * 0.9
    assert exit_button["x"] < width * 0.5


def test_exit_this_page_leaves_the_site(axe, live_url: str) -> None:
    page = axe.open(live_url + "/help-now", javascript=False)
    try:
        href = page.locator(".govuk-exit-this-page a").get_attribute("href")
    finally:
        page.context.close()
    assert href and href.startswith("https://") and "127.0.0.1" not in href


def test_journey_error_page_passes_axe(axe, live_url: str) -> None:
    page = axe.open(live_url + "/childhood-offer/my-child", javascript=True)
    try:
        page.fill("#child-date-day", "31")
        page.fill("#child-date-month", "2")
        page.fill("#child-date-year", "2020")
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        assert page.locator(".govuk-error-summary").is_visible()
        violations = axe.violations(page)
    finally:
        page.context.close()
    assert violations == [], violations
