"""Logging that never writes a family's personal data.

Request lines lose their query strings (a search for a child's name is
personal data), and anything that looks like a phone number, an email address
or a UK postcode is masked in every record, whoever logged it. Tracebacks are
scrubbed too: a database error carries the statement's bound values (a family's
words, a child's name) and the server's DETAIL line, so both are cut out before
anything is written — as well as the engine being told to hide parameters.
"""

from __future__ import annotations

import logging
import re
from typing import TextIO

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    # UK numbers (07700 900123, 0151 606 2008, +44 7700 900123) and other +country numbers.
    (re.compile(r"(?<![\w/+-])(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?![\w-])"), "[phone]"),
    (re.compile(r"(?<![\w/])\+\d(?:[\s-]?\d){7,14}(?![\w-])"), "[phone]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE), "[postcode]"),
)
# "GET /search?q=... HTTP/1.1" -> "GET /search?[query removed] HTTP/1.1"
_QUERY_STRING = re.compile(r"(\"[A-Z]+ [^\s?\"]*)\?[^\s\"]*")
# SQLAlchemy's "[parameters: (...)]" (to the end of its line) and the database's own detail line.
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.DOTALL)
# PostgreSQL's DETAIL ("Failing row contains (…the family's words…)") may run over several lines:
# up to SQLAlchemy's [SQL: …], a blank line or the end.
_DATABASE_DETAIL = re.compile(r"^(\s*DETAIL:).*?(?=\n\[SQL:|\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)


def scrub(text: str) -> str:
    text = _SQL_PARAMETERS.sub("[parameters hidden]", text)
    text = _DATABASE_DETAIL.sub(r"\1 [hidden]", text)
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


class PrivateFormatter(logging.Formatter):
    """The whole formatted record is scrubbed, tracebacks and stacks included: filters only
    see the message, and a traceback text cached on the record by another handler would
    otherwise be written as it is."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def private_handler(stream: TextIO | None = None) -> logging.Handler:
    """A handler that writes nothing personal: the filter for messages, the formatter for
    tracebacks."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    return handler


def configure_logging(level: str = "INFO") -> None:
    root = logging.getLogger()
    if not any(isinstance(f, PersonalDataFilter) for h in root.handlers for f in h.filters):
        root.addHandler(private_handler())
    root.setLevel(level)
    # Werkzeug logs request lines through its own logger; route them through ours.
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.handlers = []
    werkzeug.propagate = True
