"""Text analysis for each of the six languages, for Whoosh.

- English, Romanian, Polish, Arabic: Snowball stemmers (the snowballstemmer
  package; Whoosh's own set lacks Polish and Arabic).
- Polish and Romanian: accents folded after stemming, so "szkola" finds "szkoła".
- Arabic: diacritics and tatweel removed, alef/yeh/teh-marbuta forms unified.
- Ukrainian: no Snowball stemmer exists, so common case endings are stripped.
- Chinese: no spaces between words, so CJK text becomes overlapping character
  pairs (and single characters), which needs no dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
from whoosh.analysis import Analyzer, Filter, LowercaseFilter, RegexTokenizer, Token, Tokenizer

WORD = re.compile(
    r"[\w\u0610-\u061a\u064b-\u065f\u0670]+(?:['’]\w+)*", re.UNICODE
)  # Arabic marks stay inside words
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SNOWBALL = {"en": "english", "ro": "romanian", "pl": "polish", "ar": "arabic"}
FOLD_ACCENTS = {"pl", "ro"}
ENGLISH_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)
ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
UKRAINIAN_ENDINGS = tuple(
    sorted(
        [
            "ами",
            "ями",
            "ові",
            "еві",
            "ого",
            "ому",
            "ими",
            "іми",
            "их",
            "ях",
            "ах",
            "ів",
            "їв",
            "ам",
            "ям",
            "ою",
            "ею",
            "ей",
            "ій",
            "ий",
            "ої",
            "ом",
            "ем",
            "ні",
            "ня",
            "ть",
            "ти",
            "ся",
            "сь",
            "а",
            "я",
            "у",
            "ю",
            "і",
            "ї",
            "и",
            "о",
            "е",
            "є",
            "ь",
        ],
        key=len,
        reverse=True,
    )
)


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_arabic(text: str) -> str:
    return ARABIC_DIACRITICS.sub("", text).translate(ARABIC_LETTERS)


def strip_ukrainian_ending(word: str) -> str:
    for ending in UKRAINIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


class StemFilter(Filter):
    """Stem (and normalise) each token for one language."""

    is_morph = True

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StemFilter) and other.lang == self.lang

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = stem_word(token.text, self.lang)
            if token.text:
                yield token


@cache
def _stemmer(lang: str) -> Any:
    return snowballstemmer.stemmer(SNOWBALL[lang]) if lang in SNOWBALL else None


@lru_cache(maxsize=500_000)
def stem_word(word: str, lang: str) -> str:
    """Cached: the Snowball stemmers are pure Python, and words repeat a lot."""
    stemmer = _stemmer(lang)
    if lang == "ar":
        # The stemmer knows teh marbuta and hamza forms: strip marks first, unify letters after.
        word = ARABIC_DIACRITICS.sub("", word)
        return normalise_arabic(stemmer.stemWord(word)) if stemmer else normalise_arabic(word)
    if lang == "en" and word in ENGLISH_STOP:
        return ""
    if lang == "uk":
        return strip_ukrainian_ending(word.replace("’", "'"))
    if stemmer is not None:
        word = stemmer.stemWord(word)
    if lang in FOLD_ACCENTS:
        word = fold_accents(word)
    return word


class CjkBigramTokenizer(Tokenizer):
    """Chinese runs become single characters and overlapping pairs; other text becomes words."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CjkBigramTokenizer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for match in WORD.finditer(value):
            text, offset = match.group(), match.start()
            pieces: list[tuple[str, int, int]] = []
            for part in re.split(f"({CJK.pattern})", text):
                if not part:
                    continue
                if CJK.fullmatch(part):
                    pieces.extend((part[i], offset + i, offset + i + 1) for i in range(len(part)))
                    pieces.extend((part[i : i + 2], offset + i, offset + i + 2) for i in range(len(part) - 1))
                else:
                    pieces.append((part, offset, offset + len(part)))
                offset += len(part)
            for piece, start, end in pieces:
                token.text = piece
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = piece
                if positions:
                    token.pos = position
                    position += 1
                if chars:
                    token.startchar, token.endchar = start_char + start, start_char + end
                yield token


@cache
def analyzer_for(lang: str) -> Analyzer:
    if lang == "zh":
        return CjkBigramTokenizer() | LowercaseFilter()
    return RegexTokenizer(WORD) | LowercaseFilter() | StemFilter(lang)
