"""Phone numbers, read one way everywhere, with the `phonenumbers` library (UK by default).

Stored and sent in E.164 ("+447700900123"): what Twilio writes, and what makes
"07700 900123", "+44 (0)7700 900123" and "0044 7700-900123" one number. Shown to
people in national format ("07700 900123"), the way they write it themselves.

A number is taken when the library calls it valid, or, for a UK number, when it
has the full ten digits after the 0. The library's metadata leaves out Ofcom's
drama ranges (07700 900xxx, used in training and tests) and can lag new
allocations, and refusing a family's real number costs more than a mistyped
one; but a nine-digit "mobile" is almost always a digit short, so "possible"
alone is not enough.

The portal keeps no table of phone numbers: a texting family is known by an
HMAC of their number (phone_key), which cannot be turned back into it; the
number itself lives only where the family gave it for contact (their referral).
"""

from __future__ import annotations

import hashlib
import hmac
import re

import phonenumbers
from flask import current_app
from phonenumbers import Leniency, NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberMatcher

REGION = "GB"
UK_COUNTRY_CODE = 44
UK_NATIONAL_DIGITS = 10  # after the 0: 7700 900123, 151 606 2008


def _acceptable(number: PhoneNumber) -> bool:
    if phonenumbers.is_valid_number(number):
        return True
    return number.country_code == UK_COUNTRY_CODE and len(str(number.national_number)) == UK_NATIONAL_DIGITS


def parse(text: str) -> PhoneNumber | None:
    """The number that `text` is (all of it, however spaced or prefixed), or None."""
    try:
        number = phonenumbers.parse((text or "").strip(), REGION)
    except NumberParseException:
        return None
    return number if _acceptable(number) else None


def e164(text: str) -> str | None:
    """ "07700 900123", "+44 7700 900123", "0044 7700 900123" → "+447700900123"."""
    number = parse(text)
    return None if number is None else phonenumbers.format_number(number, PhoneNumberFormat.E164)


def national(text: str) -> str:
    """How to show a number to people: "+447700900123" → "07700 900123".

    A number from abroad keeps its +country code (its national form would be
    dialled as a UK number); what cannot be read is shown as written, so a
    worker still sees what the family gave.
    """
    number = parse(text)
    if number is None:
        return (text or "").strip()
    if number.country_code == UK_COUNTRY_CODE:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def find_in(text: str) -> str | None:
    """The first number in someone's own words ("call me on 07700 900 123 after 6"), in E.164.

    The matcher's POSSIBLE leniency finds drama-range numbers too; _acceptable
    then applies the same rule as everywhere else.
    """
    for match in PhoneNumberMatcher(text or "", REGION, leniency=Leniency.POSSIBLE):
        if _acceptable(match.number):
            return phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
    return None


def lookup_key(text: str) -> str:
    """What to compare two written numbers by (subject access, withdrawal): E.164.

    A stored number that cannot be read (kept from before numbers were checked)
    falls back to its digits, so it still matches itself written the same way;
    it cannot match a readable number, whose key starts with "+".
    """
    return e164(text) or re.sub(r"\D", "", text or "")


def phone_key(number: str) -> str:
    """A keyed hash to know a texting family by, without keeping their number."""
    normal = e164(number) or (number or "").strip()
    secret = str(current_app.config.get("PHONE_HASH_KEY") or current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(secret, f"sms:{normal}".encode(), hashlib.sha256).hexdigest()
