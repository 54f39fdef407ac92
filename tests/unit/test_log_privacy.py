import io
import logging

import pytest

from portal.log_privacy import PersonalDataFilter, scrub


@pytest.mark.parametrize(
    ("message", "leaked"),
    [
        ("text from 07700 900123 received", "07700 900123"),
        ("text from +447700900123 received", "+447700900123"),
        ("reply to jo.bloggs@example.com", "jo.bloggs@example.com"),
        ("family lives at CH41 5LH", "CH41 5LH"),
        ('127.0.0.1 - - "GET /search?q=my+son+jake HTTP/1.1" 200 -', "jake"),
    ],
)
def test_personal_data_is_masked(message: str, leaked: str) -> None:
    assert leaked not in scrub(message)


def test_ordinary_log_lines_are_kept() -> None:
    line = '127.0.0.1 - - "GET /healthz HTTP/1.1" 200 - took 12 ms, 2026-11-25'
    assert scrub(line) == line


def test_filter_rewrites_records_with_arguments() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("familyhelp.test.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("could not text %s about %s", "07700 900123", "the referral")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "07700" not in output
    assert "[phone]" in output and "the referral" in output
