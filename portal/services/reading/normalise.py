"""One normal form for matching people's words against curated lists.

People type without accents, with curly apostrophes, with Arabic letter
variants; patterns are written however their author wrote them. Both go
through the same function, so neither has to guess the other's spelling.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
_LATIN_EXTRA = str.maketrans({"ł": "l", "ß": "ss", "’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Casefolded, accent-free, Arabic-normalised text with single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _INVISIBLE.sub("", text).translate(_LATIN_EXTRA).translate(_ARABIC)
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
