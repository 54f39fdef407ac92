"""Logging that never writes a family's personal data.

Request lines lose their query strings (a search for a child's name is
personal data), and anything that looks like a phone number, an email address
or a UK postcode is masked in every record, whoever logged it.
"""

from __future__ import annotations

import logging
import re

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    # UK numbers (07700 900123, 0151 606 2008, +44 7700 900123) and other +country numbers.
    (re.compile(r"(?<![\w/+-])(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?![\w-])"), "[phone]"),
    (re.compile(r"(?<![\w/])\+\d(?:[\s-]?\d){7,14}(?![\w-])"), "[phone]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE), "[postcode]"),
)
# "GET /search?q=... HTTP/1.1" -> "GET /search?[query removed] HTTP/1.1"
_QUERY_STRING = re.compile(r"(\"[A-Z]+ [^\s?\"]*)\?[^\s\"]*")


def scrub(text: str) -> str:
    text = _QUERY_STRING.sub(r"\1?[query removed]", text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Rewrite each record's message with personal data masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record must not stop logging
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def configure_logging(level: str = "INFO") -> None:
    root = logging.getLogger()
    if not any(isinstance(f, PersonalDataFilter) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(PersonalDataFilter())
        root.addHandler(handler)
    root.setLevel(level)
    # Werkzeug logs request lines through its own logger; route them through ours.
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.handlers = []
    werkzeug.propagate = True
