"""Typed answers to the referral form's questions, as families write them."""

from __future__ import annotations

import pytest

from portal.services.referrals import answers as read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Yes please", True),
        ("yeah ok", True),
        ("tak", True),
        ("Da", True),
        ("так", True),
        ("نعم", True),
        ("同意", True),
        ("好的", True),
        ("no", False),
        ("No thanks", False),
        ("nope", False),
        ("nie zgadzam się", False),
        ("Nu", False),
        ("ні", False),
        ("لا", False),
        ("不同意", False),
        ("不", False),
        ("maybe later", None),
        ("what do you mean", None),
        ("I don't know", None),
        ("nie wiem", None),
        ("不知道", None),
    ],
)
def test_yes_and_no_in_six_languages(text: str, expected: bool | None) -> None:
    assert read.is_yes(text) is expected


@pytest.mark.parametrize("text", ["stop", "Cancel", "anuluj", "скасувати", "إلغاء", "取消", "Stop."])
def test_stop_words(text: str) -> None:
    assert read.is_stop(text)


@pytest.mark.parametrize(
    "text", ["stop hitting me", "I can't stop crying", "cancel my appointment at the gp"]
)
def test_stop_inside_a_sentence_is_an_answer_not_a_stop(text: str) -> None:
    assert not read.is_stop(text)


@pytest.mark.parametrize(
    ("text", "bands"),
    [
        ("2 and 7", ["0-2", "5-11"]),
        ("she's 4, he's 14", ["3-4", "12-16"]),
        ("ma 7 lat i 3 latka", ["5-11", "3-4"]),
        ("8 months", ["0-2"]),
        ("I'm pregnant and my son is 5", ["pregnancy", "5-11"]),
        ("孩子七岁", ["5-11"]),
        ("عمرها ٦ سنوات", ["5-11"]),
        ("a teenager", ["12-16"]),
    ],
)
def test_childrens_ages(text: str, bands: list[str]) -> None:
    assert read.age_bands_from_text(text) == bands


def test_ages_that_say_nothing_are_not_guessed() -> None:
    assert read.age_bands_from_text("twelvish?") is None


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("07700 900 123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("(0151) 606-2008", "+441516062008"),
        ("call me on 07700 900 123 after 6", "+447700900123"),
        ("٠٧٧٠٠ ٩٠٠١٢٣", "+447700900123"),
    ],
)
def test_phone_numbers_however_written_are_kept_in_e164(text: str, phone: str) -> None:
    assert read.phone_from_text(text) == phone


@pytest.mark.parametrize(
    "text", ["call me", "0770", "07700 900 12", "123456789012345678", "my number is secret"]
)
def test_not_phone_numbers(text: str) -> None:
    assert read.phone_from_text(text) is None


def test_email_addresses() -> None:
    assert read.email_from_text(" Sam.Young@example.org. ") == "Sam.Young@example.org"
    assert read.email_from_text("sam at gmail") is None


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("text me", "text"),
        ("sms", "text"),
        ("ring me", "phone"),
        ("zadzwońcie", "phone"),
        ("email is best", "email"),
        ("短信", "text"),
        ("a@b.co", "email"),
        ("пишіть смс", "text"),
    ],
)
def test_how_to_contact(text: str, method: str) -> None:
    assert read.contact_method_from_text(text) == method


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("ch41 5lh", "CH41 5LH"),
        ("CH43", "CH43"),
        ("north", "North Wirral"),
        ("we live in the west", "West Wirral"),
    ],
)
def test_area_or_postcode(text: str, area: str) -> None:
    assert read.area_or_postcode_from_text(text) == area


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Polish", "pl"),
        ("polski", "pl"),
        ("in Arabic please", "ar"),
        ("українська", "uk"),
        ("romana", "ro"),
        ("中文", "zh"),
        ("Kurdish", "ku"),
        ("Tigrinya", "ti"),
    ],
)
def test_interpreter_language_by_name_in_any_of_our_languages(text: str, code: str) -> None:
    assert read.language_from_text(text) == code


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("my kids", "children"),
        ("my daughter", "children"),
        ("me", "self"),
        ("for myself", "self"),
        ("dla mnie", "self"),
        ("我自己", "self"),
        ("моя дитина", "children"),
    ],
)
def test_who_it_is_for(text: str, about: str) -> None:
    assert read.about_from_text(text) == about
