"""Replies as a family taps them: web addresses become links, phone numbers `tel:` links.

The assistant's replies are plain text (the same text goes by SMS). On the page,
a number a parent must call should be one tap away, with or without JavaScript;
static/js/chat.js applies the same rules to replies added without a reload.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# UK numbers as the content writes them ("0151 606 2008", "0808 2000 247", "116 123",
# "0800 1111", "08000 121 700", "999", "101"); "85258" is a text-only service.
LINKS = re.compile(
    r"(?P<url>https?://[^\s<>\"]+[^\s<>\".,;:!?)\]])"
    r"|(?<![\d/.:])(?P<phone>0\d{2,4} ?\d{3,4} ?\d{3,4}|116 ?\d{3}|999|101)(?![\d])"
    r"|(?<![\d/.:])(?P<text>85258)(?![\d])"
)


def linkify(text: str) -> Markup:
    """The text, escaped, with its addresses and numbers as links."""
    parts: list[str] = []
    last = 0
    for match in LINKS.finditer(text):
        parts.append(str(escape(text[last : match.start()])))
        value = match.group(0)
        if match.group("url"):
            parts.append(f'<a class="govuk-link" href="{escape(value)}">{escape(value)}</a>')
        elif match.group("phone"):
            parts.append(f'<a class="govuk-link fh-phone" href="tel:{value.replace(" ", "")}">{value}</a>')
        else:
            parts.append(f'<a class="govuk-link fh-phone" href="sms:{value}">{value}</a>')
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))  # noqa: S704 — every piece is escaped above; phone values match digits and spaces only
