"""Which language to answer in: the reader's choice, unless they write in another.

Short messages ("ok", "hi") are ambiguous between Latin-script languages,
so the reader's chosen language wins unless the message is long enough for
the detector to be sure. Arabic, Chinese and Cyrillic script are decisive on
their own: of our six languages only one uses each.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from portal.i18n import LANGUAGES

ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
HAN_SCRIPT = re.compile("[\u4e00-\u9fff]")
CYRILLIC_SCRIPT = re.compile("[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[^\W\d_]{2,}")
# Fewer Latin words than this and the reader's choice stands.
MIN_WORDS = 4
MIN_CONFIDENCE = 0.8


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = {
        Language.ENGLISH: "en",
        Language.POLISH: "pl",
        Language.ROMANIAN: "ro",
    }
    detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    return detector, languages


def warm_up() -> None:
    """Load the detector's models now rather than during someone's first message."""
    _detector()


def reply_language(message: str, chosen: str) -> str:
    """The language to reply in."""
    chosen = chosen if chosen in LANGUAGES else "en"
    counts = {
        "ar": len(ARABIC_SCRIPT.findall(message)),
        "zh": len(HAN_SCRIPT.findall(message)),
        "uk": len(CYRILLIC_SCRIPT.findall(message)),
    }
    script_lang, script_chars = max(counts.items(), key=lambda item: item[1])
    latin_words = LATIN_WORD.findall(message)
    if script_chars >= 2 and script_chars >= sum(len(word) for word in latin_words):
        return script_lang
    if len(latin_words) < MIN_WORDS:
        return chosen
    detector, languages = _detector()
    values = detector.compute_language_confidence_values(message)
    if not values:
        return chosen
    best = values[0]
    if best.value >= MIN_CONFIDENCE:
        return str(languages[best.language])
    return chosen
