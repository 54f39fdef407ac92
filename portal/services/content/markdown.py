"""Markdown from content files to HTML with GOV.UK Frontend classes.

Content is checked to hold no HTML when loaded; escaping is on here as well,
so a slip in a file can never inject markup into a page.
"""

from __future__ import annotations

import re

import markdown
from markupsafe import Markup, escape

_CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
}
_OPEN_TAG = re.compile(r"<(h2|h3|h4|p|ul|ol|a)(\s|>)")


# UK phone numbers (0808 2000 247, 116 123, 999, 85258): kept left to right in
# Arabic text, where the bidirectional algorithm would otherwise reorder the groups.
_PHONE = re.compile(r"(?<![\w/.])(0\d{2,4}(?: \d{3,4}){1,2}|0\d{9,10}|116 \d{3}|999|111|85258)(?![\w/])")
_TAG_SPLIT = re.compile(r"(<[^>]+>)")


def _isolate_phone_numbers(html: str) -> str:
    parts = _TAG_SPLIT.split(html)
    return "".join(
        part if part.startswith("<") else _PHONE.sub(r'<span class="fh-phone">\1</span>', part)
        for part in parts
    )


def render_markdown(text: str) -> Markup:
    html = markdown.markdown(str(escape(text)).replace("&gt;", ">"), extensions=["sane_lists"])
    html = _OPEN_TAG.sub(lambda m: f'<{m.group(1)} class="{_CLASSES[m.group(1)]}"{m.group(2)}', html)
    return Markup(_isolate_phone_numbers(html))  # noqa: S704 — the Markdown source is escaped before it is converted
