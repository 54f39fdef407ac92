"""Replies made for a text message: numbered choices, plain text, segment-aware.

Every segment is paid for. A text in the GSM-7 alphabet fits 160 characters in
one segment (153 per segment when split); anything else is sent as UCS-2, 70
(67) UTF-16 units. Polish and Romanian are sent without diacritics when that
keeps them in GSM-7 — the way people there usually text — halving the cost.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from portal.services.reading.gsm7 import gsm7_length, is_gsm7

LATIN_LANGUAGES = ("en", "pl", "ro")
MAX_SEGMENTS_PER_TEXT = 2
# Typographic characters the GSM alphabet lacks, and their plain stand-ins.
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "•": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200e": None,
        "\u200f": None,
    }
)
_LATIN_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss"})


@dataclass(frozen=True)
class SmsCost:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (extension characters count 2) or UTF-16 code units
    segments: int


def cost(text: str) -> SmsCost:
    """How many segments this text costs."""
    septets = gsm7_length(text)
    if septets is not None:
        units, single, part, encoding = septets, 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
    segments = 1 if units <= single else math.ceil(units / part)
    return SmsCost(encoding, units, max(segments, 1) if text else 0)


def plain(text: str, lang: str) -> str:
    """Typographic quotes and dashes made plain; for Latin-script languages, accents
    dropped when nothing else stands between the text and GSM-7."""
    text = text.translate(_PLAIN)
    if lang in LATIN_LANGUAGES and not is_gsm7(text):
        stripped = "".join(
            char if is_gsm7(char) else _strip_accent(char) for char in text.translate(_LATIN_EXTRA)
        )
        if is_gsm7(stripped):
            return stripped
    return text


def _strip_accent(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or char


def with_choices(text: str, titles: list[str]) -> str:
    """A reply with its buttons as numbered choices, answered with a digit."""
    if not titles:
        return text
    return "\n".join([text, *(f"{number} {title}" for number, title in enumerate(titles, start=1))])


def split(text: str, max_segments: int = MAX_SEGMENTS_PER_TEXT) -> list[str]:
    """Texts of at most `max_segments` segments each, broken between words (or lines)."""
    if cost(text).segments <= max_segments:
        return [text]
    parts: list[str] = []
    current = ""
    for word in re.split(r"(?<=\s)", text):
        candidate = current + word
        if current and cost(candidate.rstrip()).segments > max_segments:
            parts.append(current.rstrip())
            current = word.lstrip(" ")
        else:
            current = candidate
    if current.strip():
        parts.append(current.rstrip())
    return parts
