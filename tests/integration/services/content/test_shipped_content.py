"""The shipped content, checked from the loaded database (issue 4's counts)."""

from collections import Counter

import pytest
from flask import Flask

from portal.data import content_store
from portal.services.content.catalogue import list_pages
from portal.services.content.readability import READING_AGE_TARGET, measure
from portal.services.reading.gsm7 import gsm7_length
from portal.taxonomy import NEED_KEYS

TRANSLATED = ("pl", "ar", "uk", "ro", "zh")


@pytest.fixture(scope="module")
def content(app: Flask):
    with app.app_context():
        yield {
            (kind, lang): content_store.items_of_kind(kind, lang)
            for kind in ("guide", "childhood_offer", "service")
            for lang in ("en", *TRANSLATED)
        }


def test_at_least_39_guides_and_3_for_each_need(content) -> None:
    guides = content["guide", "en"]
    assert len(guides) >= 39
    per_need = Counter(need for guide in guides for need in guide.needs)
    assert {need: per_need[need] for need in NEED_KEYS if per_need[need] < 3} == {}


def test_the_ten_childhood_offer_elements(content) -> None:
    elements = sorted(item.data["element"] for item in content["childhood_offer", "en"])
    assert elements == list(range(1, 11))
    for item in content["childhood_offer", "en"]:
        assert item.data["stages"], item.slug
        assert set(item.data["stages"]) <= set(item.age_bands)


def test_at_least_40_services_with_the_12_family_hubs(content) -> None:
    services = content["service", "en"]
    assert len(services) >= 40
    hubs = [item for item in services if item.data["service_type"] == "family_hub"]
    assert len(hubs) == 12
    assert {hub.data["area"] for hub in hubs} == {
        "North Wirral",
        "South Wirral",
        "East Wirral",
        "West Wirral",
    }
    assert len([item for item in services if item.data["service_type"] == "programme"]) >= 8
    slugs = {item.slug for item in services}
    assert {
        "childline",
        "samaritans",
        "shout",
        "national-domestic-abuse-helpline",
        "early-help-front-door",
    } <= slugs
    per_need = Counter(need for item in services for need in item.needs)
    assert all(per_need[need] >= 2 for need in NEED_KEYS), per_need


def test_front_door_number_lives_in_one_place(content) -> None:
    front_door = next(item for item in content["service", "en"] if item.slug == "early-help-front-door")
    assert front_door.data["contact_ref"] == "front_door"
    assert front_door.data["contact"] == {}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_cover_the_offer_and_a_guide_per_need(content, lang: str) -> None:
    assert {item.slug for item in content["childhood_offer", lang]} == {
        item.slug for item in content["childhood_offer", "en"]
    }
    translated_needs = {need for item in content["guide", lang] for need in item.needs}
    assert set(NEED_KEYS) <= translated_needs
    for item in content["guide", lang] + content["childhood_offer", lang]:
        assert item.provenance in ("machine", "reviewed")
        assert item.source_version
        if item.kind == "guide":
            assert item.data["sms_summary"]


def test_english_sms_summaries_fit_one_gsm7_segment(content) -> None:
    lengths = {item.slug: gsm7_length(item.data["sms_summary"]) for item in content["guide", "en"]}
    too_long = {slug: length for slug, length in lengths.items() if length is None or length > 160}
    assert too_long == {}
    assert len(lengths) == len(content["guide", "en"])


def test_every_english_guide_is_easy_to_read(content) -> None:
    ages = {item.slug: measure(item.body).reading_age for item in content["guide", "en"]}
    assert {slug: age for slug, age in ages.items() if age > READING_AGE_TARGET} == {}


def test_translations_of_shipped_content_are_current(app: Flask) -> None:
    with app.app_context():
        statuses = Counter(
            page.translation
            for lang in TRANSLATED
            for kind in ("guide", "childhood_offer")
            for page in list_pages(kind, lang)
        )
    assert statuses["outdated"] == 0, "update the translations' source_version after reviewing them"
