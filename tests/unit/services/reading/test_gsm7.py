"""The one GSM-7 table: one septet for the basic alphabet, two for the extension table."""

from portal.services.reading.gsm7 import gsm7_length, is_gsm7


def test_basic_extended_and_ucs2_characters() -> None:
    assert gsm7_length("Hello @£$ é") == 11
    assert gsm7_length("€5 [a]") == 9  # €, [ and ] cost two each
    assert gsm7_length("page\fbreak") == 11  # form feed is in the extension table
    assert gsm7_length("it’s") is None  # a curly apostrophe needs UCS-2
    assert gsm7_length("ł") is None
    assert is_gsm7("ÄÖÑÜ§¿") and not is_gsm7("你好")
