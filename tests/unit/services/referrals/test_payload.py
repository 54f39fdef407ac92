"""The referral payload the action server posts: one readable problem per field, or typed values."""

from __future__ import annotations

from typing import Any

import pytest

from portal.services.referrals.payload import ReferralRefused, agrees_to_front_door, read_payload

VERSION = "0123456789abcdef"


def payload(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "submission_key": "k" * 16,
        "lang": "en",
        "channel": "web",
        "needs": ["housing", "money", "housing"],
        "children": [{"age_band": "5-11"}, {"age_band": "0-2", "name": "  Amy  "}],
        "own_words": "  We have been given notice.  ",
        "contact": {
            "method": "text",
            "phone": " 07700 900123 ",
            "times": "after 3pm",
            "safe_to_message": True,
        },
        "area": "East Wirral",
        "consent": {"wording_version": VERSION, "share_with_front_door": True, "share_with_partners": False},
    }
    return body | changes


def problems(body: dict[str, Any], version: str | None = VERSION) -> list[str]:
    with pytest.raises(ReferralRefused) as refused:
        read_payload(body, version)
    return refused.value.problems


def test_a_good_payload_is_read_trimmed_and_typed() -> None:
    given = read_payload(payload(), VERSION)
    assert given.needs == ["housing", "money"]  # each need once, in order
    assert given.children_data() == [{"age_band": "5-11"}, {"age_band": "0-2", "name": "Amy"}]
    assert given.contact.model_dump() == {
        "method": "text",
        "phone": "07700 900123",
        "email": "",
        "times": "after 3pm",
        "safe_to_message": True,
    }
    assert given.own_words == "We have been given notice." and given.for_self is False
    assert given.consent.share_with_partners is False and given.consent.own_consent is None


def test_each_broken_rule_is_one_problem_naming_its_field() -> None:
    body = payload(
        submission_key="short",
        needs=["everything", "astrology"],
        children=[{"age_band": "9-99"}, "kid"],
        contact={"method": "pigeon"},
        area="Somewhere far away",
        interpreter_lang="Polish",
    )
    assert problems(body) == [
        "submission_key must be 16 to 64 letters, digits, '-' or '_'",
        "needs must be a list of need keys",
        "children must be a list of {age_band, name (optional)}",
        "contact.method must be one of: phone, text, email",
        "area must be an area name or a postcode",
        "interpreter_lang must be a language code",
    ]


@pytest.mark.parametrize(
    ("contact", "problem"),
    [
        ({"method": "phone", "phone": "   "}, "contact.phone is needed to phone or text"),
        ({"method": "email", "email": "not an address"}, "contact.email is needed to email"),
        ("call me", "contact.method must be one of: phone, text, email"),
        (None, "contact.method must be one of: phone, text, email"),
    ],
)
def test_the_contact_detail_the_method_needs_must_be_there(contact: Any, problem: str) -> None:
    assert problems(payload(contact=contact)) == [problem]


def test_consent_is_checked_against_the_wording_shown_now() -> None:
    stale = payload(
        consent={"wording_version": "old", "share_with_front_door": True, "share_with_partners": "no"}
    )
    assert problems(stale) == [
        "consent.wording_version is not the wording shown now",
        "consent.share_with_partners must be true or false",
    ]
    assert problems(payload(lang="fr"), version=None) == [
        "lang must be one of: en, pl, ar, uk, ro, zh",
        "there is no consent wording in this language yet",
    ]


def test_without_agreement_to_the_front_door_nothing_else_matters() -> None:
    assert agrees_to_front_door(payload())
    for consent in ({"share_with_front_door": "yes"}, {}, None, "yes"):
        assert not agrees_to_front_door(payload(consent=consent))
