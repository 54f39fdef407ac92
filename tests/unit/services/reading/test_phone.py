"""One reading of phone numbers: UK by default, E.164 kept, national format shown.

07700 900xxx numbers are Ofcom's drama range: the `phonenumbers` metadata does
not call them valid, yet families in training and tests use them, so they must
be taken like any other mobile.
"""

from __future__ import annotations

import phonenumbers
import pytest
from flask import Flask

from portal.services.reading import phone

WRITTEN_WAYS = [
    "07700 900123",
    "07700900123",
    "07700 900 123",
    "(07700) 900-123",
    "+44 7700 900123",
    "+447700900123",
    "+44 (0)7700 900123",
    "0044 7700 900123",
    "0044-7700-900-123",
    " 07700.900.123 ",
]


@pytest.mark.parametrize("written", WRITTEN_WAYS)
def test_a_uk_mobile_written_many_ways_is_one_e164_number(written: str) -> None:
    assert phone.e164(written) == "+447700900123"


def test_drama_numbers_are_possible_not_valid_to_the_library_and_still_taken() -> None:
    parsed = phonenumbers.parse("07700 900123", "GB")
    assert phonenumbers.is_possible_number(parsed) and not phonenumbers.is_valid_number(parsed)
    assert phone.parse("07700 900123") is not None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0151 606 2008", "+441516062008"),  # a Wirral landline
        ("020 7946 0000", "+442079460000"),
        ("0808 2000 247", "+448082000247"),  # freephone
        ("+48 512 345 678", "+48512345678"),  # a Polish mobile keeps its country
    ],
)
def test_landlines_freephone_and_numbers_from_abroad(written: str, expected: str) -> None:
    assert phone.e164(written) == expected


@pytest.mark.parametrize(
    "written",
    [
        "",
        "call me",
        "0770",
        "07700 900 12",  # a digit short: possible for some UK numbers, but not taken
        "0123456789",
        "123456789012345678",
        "sam@example.org",
        "07700 900123 after 6",  # a whole field must be a number; find_in reads sentences
    ],
)
def test_what_is_not_a_number_is_refused(written: str) -> None:
    assert phone.e164(written) is None


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+447700900123", "07700 900123"),
        ("07700 900 123", "07700 900123"),
        ("+441516062008", "0151 606 2008"),
        ("+48512345678", "+48 512 345 678"),  # from abroad: dialled with its country code
        ("not a number", "not a number"),  # shown as given, never hidden from a worker
        ("", ""),
    ],
)
def test_numbers_are_shown_in_national_format(stored: str, shown: str) -> None:
    assert phone.national(stored) == shown


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("call me on 07700 900 123 after 6", "+447700900123"),
        ("My number is 07700900123.", "+447700900123"),
        ("it's +44 7700 900123 thanks", "+447700900123"),
        ("mój numer to 07700-900-123", "+447700900123"),
        ("رقمي ٠٧٧٠٠ ٩٠٠١٢٣", "+447700900123"),  # Arabic-Indic digits
        ("ring the landline (0151) 606 2008 or my mobile 07700 900 124", "+441516062008"),
    ],
)
def test_a_number_is_read_out_of_words(text: str, found: str) -> None:
    assert phone.find_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "call me after 6",
        "my son is 5 and my daughter 12",
        "0770",
        "123456789012345678",
        "my number is secret",
    ],
)
def test_words_without_a_number_give_none(text: str) -> None:
    assert phone.find_in(text) is None


def test_one_lookup_key_however_written_and_unreadable_numbers_match_only_themselves() -> None:
    assert {phone.lookup_key(written) for written in WRITTEN_WAYS} == {"+447700900123"}
    assert phone.lookup_key("07700 900124") != phone.lookup_key("07700 900123")
    # Kept from before numbers were checked: matches itself with other punctuation, nothing readable.
    assert phone.lookup_key("0770-0900-12") == phone.lookup_key("07700 90012") == "0770090012"


def test_phone_key_is_the_same_for_every_spelling_and_not_the_number() -> None:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "test"
    with app.app_context():
        keys = {phone.phone_key(written) for written in WRITTEN_WAYS}
        assert len(keys) == 1 and "7700900123" not in keys.pop()
        assert phone.phone_key("+447700900124") != phone.phone_key("+447700900123")
