"""The content models: what an editor reads when a file is wrong, and what a good file becomes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.services.content.schema import (
    ContentError,
    check_contacts,
    check_guide,
    check_offer,
    check_service,
    check_translation,
)

GUIDE = "content/guides/tantrums.md"
BODY = "Tantrums are normal at this age. Stay calm and keep your child safe.\n"


def guide_meta(**changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": "Tantrums and meltdowns",
        "summary": "Why toddlers have tantrums.",
        "needs": ["parenting"],
        "age_bands": ["0-2", "3-4"],
        "sms_summary": "Tantrums are normal. More: ",
        "related_services": ["family-lives"],
        "owner": "Early Help content team",
        "last_reviewed": date(2026, 11, 1),
        "next_review": "2027-05-01",
    }
    return meta | changes


def offer_meta(**changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": "Good parenting",
        "element": 4,
        "summary": "What helps.",
        "needs": ["parenting"],
        "age_bands": ["0-2", "3-4"],
        "stages": {"0-2": "Respond to crying.\n", "3-4": "Keep simple rules."},
        "owner": "Early Help content team",
        "last_reviewed": date(2026, 11, 1),
        "next_review": date(2027, 5, 1),
    }
    return meta | changes


def contacts(*entries: dict[str, Any]) -> dict[str, Any]:
    required = [
        {"slug": purpose, "name": purpose, "purpose": purpose, "phone": "999", "available": "always"}
        | {"free": True, "owner": "Early Help service"}
        for purpose in ("emergency", "front_door", "out_of_hours")
    ]
    return {"contacts": [*required, *entries]}


def service(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "name": "Seacombe Family Hub",
        "organisation": "Wirral Council",
        "service_type": "family_hub",
        "description": "A welcoming place for families.",
        "needs": ["parenting"],
        "eligibility": "Any family in Wirral.",
        "min_age": -1,
        "max_age": 19,
        "cost": "free",
        "access": "self_referral",
        "how_to_access": "Drop in.",
        "contact": {"phone": "0151 000 0000", "website": "https://example.org"},
        "area": "North Wirral",
        "languages": ["en"],
        "owner": "Early Help service directory",
        "last_reviewed": date(2026, 11, 1),
        "next_review": date(2027, 5, 1),
    }
    return raw | changes


def lines(raised: pytest.ExceptionInfo[ContentError]) -> list[str]:
    return str(raised.value).splitlines()


def test_a_good_guide_becomes_typed_fields() -> None:
    page = check_guide(GUIDE, guide_meta(title="  Tantrums  "), BODY)
    assert page.front_matter.title == "Tantrums"
    assert page.front_matter.next_review == date(2027, 5, 1)  # a quoted date is read as a date
    assert page.front_matter.get_help_now is None and page.body == BODY.strip()


def test_each_fault_in_a_file_is_one_line_naming_file_and_field() -> None:
    meta = guide_meta(needs=["parenting", "astrology"], colour="blue", last_reviewed="soon")
    with pytest.raises(ContentError) as raised:
        check_guide(GUIDE, meta, "<p>Too short</p>")
    assert sorted(lines(raised)) == sorted(
        [
            f"{GUIDE}: front matter.needs[1]: 'astrology' is not one of: parenting, family_relationships, "
            "early_years, education, send, mental_health, physical_health, substance_use, domestic_abuse, "
            "housing, money, work_skills, youth_safety",
            f"{GUIDE}: front matter.last_reviewed: must be a date like 2026-11-01",
            f"{GUIDE}: front matter.colour: is not a known field (check the spelling)",
            f"{GUIDE}: body: is missing or too short",
        ]
    )
    assert raised.value.path == GUIDE and len(raised.value.problems) == 4


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"title": None}, "front matter.title: is required"),
        ({"title": 12}, "front matter.title: must be text"),
        ({"needs": []}, "front matter.needs: must be a list of one or more of: parenting,"),
        ({"needs": ["money", "money"]}, "front matter.needs: lists the same value twice"),
        ({"age_bands": ["0-2", 7]}, "front matter.age_bands[1]: 7 is not one of: pregnancy, 0-2,"),
        ({"sms_summary": "x" * 161}, "front matter.sms_summary: is 161 characters; it must fit one text"),
        ({"sms_summary": "Call \u201cus\u201d"}, "front matter.sms_summary: must use plain GSM-7 characters"),
        ({"related_services": ["Bad_Slug"]}, "front matter.related_services[0]: 'Bad_Slug' is not a slug"),
        ({"next_review": date(2026, 1, 1)}, "front matter.next_review: must be later than last_reviewed"),
        ({"last_reviewed": 20261101}, "front matter.last_reviewed: must be a date like 2026-11-01"),
    ],
)
def test_a_guide_fault_reads_as_the_content_guide_puts_it(changes: dict[str, Any], line: str) -> None:
    with pytest.raises(ContentError) as raised:
        check_guide(GUIDE, guide_meta(**changes), BODY)
    assert lines(raised)[0].startswith(f"{GUIDE}: {line}")


def test_front_matter_that_is_not_a_mapping_says_so() -> None:
    with pytest.raises(ContentError) as raised:
        check_guide(GUIDE, ["a", "b"], BODY)
    assert lines(raised) == [f"{GUIDE}: front matter: must be a mapping of field: value"]


def test_a_stage_outside_the_pages_age_bands_is_named() -> None:
    with pytest.raises(ContentError) as raised:
        check_offer("content/childhood_offer/x.md", offer_meta(age_bands=["0-2"]), BODY)
    assert lines(raised) == [
        "content/childhood_offer/x.md: front matter.stages.3-4: is not one of this page's age_bands"
    ]


def test_a_stage_that_is_not_an_age_band_is_named() -> None:
    stages = {"0-2": "Respond.", "0-3": "Play."}
    with pytest.raises(ContentError) as raised:
        check_offer("content/childhood_offer/x.md", offer_meta(stages=stages), BODY)
    assert lines(raised)[0].endswith(
        "front matter.stages.0-3: is not an age band (pregnancy, 0-2, 3-4, 5-11, 12-16, 17-25)"
    )


def test_a_translation_is_checked_against_its_english() -> None:
    english = check_offer("content/childhood_offer/x.md", offer_meta(), BODY)
    meta = {
        "provenance": "machine",
        "source_version": 123456789012,  # unquoted in YAML: read as the digits it was
        "title": "Dobre rodzicielstwo",
        "summary": "Co pomaga.",
        "stages": {"0-2": "Reaguj."},
    }
    with pytest.raises(ContentError) as raised:
        check_translation("content/childhood_offer/x.pl.md", english, meta, BODY)
    assert lines(raised) == [
        "content/childhood_offer/x.pl.md: front matter.stages: "
        "must cover the same age bands as the English: 0-2, 3-4"
    ]
    meta["stages"] = {"0-2": "Reaguj.", "3-4": "Ustal zasady."}
    translated = check_translation("content/childhood_offer/x.pl.md", english, meta, BODY)
    assert translated.front_matter.source_version == "123456789012"
    assert translated.front_matter.reviewed_by == ""


def test_a_guide_translation_needs_get_help_now_when_the_english_has_it() -> None:
    english = check_guide(GUIDE, guide_meta(get_help_now="Call 999 if your child is in danger."), BODY)
    meta = {"provenance": "reviewed", "source_version": "3f2a9c1b7d0e", "title": "T", "summary": "S"}
    with pytest.raises(ContentError) as raised:
        check_translation(
            "content/guides/tantrums.pl.md", english, meta | {"sms_summary": "Wi\u0119cej"}, BODY
        )
    assert lines(raised) == ["content/guides/tantrums.pl.md: front matter.get_help_now: is required"]


def test_contacts_name_the_entry_and_the_field() -> None:
    shout = {"slug": "shout", "name": "Shout", "purpose": "text_support", "free": True, "owner": "Team"}
    periods = [{"days": "mon-fri", "opens": "17:00", "closes": "09:00"}]
    with pytest.raises(ContentError) as raised:
        check_contacts("content/site/contacts.yaml", contacts(shout | {"available": periods}))
    assert lines(raised) == [
        "content/site/contacts.yaml: contacts[3].available[0].closes: must be later than opens",
    ]
    with pytest.raises(ContentError) as raised:
        check_contacts("content/site/contacts.yaml", contacts(shout | {"available": "sometimes"}))
    assert lines(raised) == [
        "content/site/contacts.yaml: contacts[3].available: "
        'must be "always" or a list of {days, opens, closes}',
    ]
    with pytest.raises(ContentError) as raised:
        check_contacts("content/site/contacts.yaml", contacts(shout | {"available": "always"}))
    assert lines(raised) == [
        "content/site/contacts.yaml: contacts[3].phone: is required (or text_number for a text-only service, "
        "or url for an online one)",
    ]


def test_contacts_must_cover_the_three_numbers_the_site_always_shows() -> None:
    document = contacts()
    document["contacts"] = document["contacts"][:2]
    with pytest.raises(ContentError) as raised:
        check_contacts("content/site/contacts.yaml", document)
    assert lines(raised) == [
        "content/site/contacts.yaml: contacts: needs a contact with purpose out_of_hours"
    ]


def test_a_service_names_its_fields_under_service() -> None:
    raw = service(
        min_age=5, max_age=3, contact={"fax": "1"}, locations=[{"name": "Hub", "postcode": "nowhere"}]
    )
    with pytest.raises(ContentError) as raised:
        check_service("content/services/hub.yaml", raw, {"front_door"})
    assert sorted(lines(raised)) == [
        "content/services/hub.yaml: service.contact.fax: is not a known field (check the spelling)",
        "content/services/hub.yaml: service.locations[0].postcode: must be a UK postcode",
        "content/services/hub.yaml: service.max_age: must not be below min_age",
    ]


def test_a_service_gives_its_own_contact_or_a_contact_ref_not_both() -> None:
    checked = check_service(
        "content/services/hub.yaml", service(contact=None, contact_ref="front_door"), {"front_door"}
    )
    assert checked.contact is None and checked.contact_ref == "front_door"
    with pytest.raises(ContentError) as raised:
        check_service("content/services/hub.yaml", service(contact_ref="front_door"), {"front_door"})
    assert lines(raised) == [
        "content/services/hub.yaml: service.contact: give contact or contact_ref, not both"
    ]
    with pytest.raises(ContentError) as raised:
        check_service(
            "content/services/hub.yaml", service(contact=None, contact_ref="nobody"), {"front_door"}
        )
    assert lines(raised) == [
        "content/services/hub.yaml: service.contact_ref: "
        "'nobody' is not a contact in content/site/contacts.yaml"
    ]
