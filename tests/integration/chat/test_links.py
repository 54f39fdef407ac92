"""Replies on the chat page: addresses and phone numbers a thumb can tap, and nothing else as HTML."""

import pytest

from portal.chat.links import linkify


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("call 999 now", '<a class="govuk-link fh-phone" href="tel:999">999</a>'),
        ("the front door on 0151 606 2008 (9 to 5)", 'href="tel:01516062008">0151 606 2008</a>'),
        ("Samaritans free on 116 123.", 'href="tel:116123">116 123</a>.'),
        ("the helpline: 0808 2000 247.", 'href="tel:08082000247">0808 2000 247</a>.'),
        ("Modern Slavery: 08000 121 700", 'href="tel:08000121700">08000 121 700</a>'),
        ("text SHOUT to 85258", 'href="sms:85258">85258</a>'),
        ("see https://example.org/guides/x.", '<a class="govuk-link" href="https://example.org/guides/x">'),
    ],
)
def test_numbers_and_addresses_become_links(text: str, link: str) -> None:
    assert link in str(linkify(text))


def test_everything_else_is_escaped() -> None:
    html = str(linkify('<script>alert("x")</script> call 999'))
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="tel:999"' in html


def test_dates_and_references_are_not_numbers_to_call() -> None:
    assert "tel:" not in str(linkify("Your reference is EH-W9F-QWN, sent on 2026-12-07 at 14:05, 24 hours"))
