"""Small numbers written as words, in six languages, turned into digits.

Parents answer "how old?" with "he's nine", "dziewiec", "تسع سنين",
"дев'ять", "noua ani" or "九岁"; children give their age the same way.
Only 1–19 and the round tens a child's age needs; the text is expected in
text_normalise.normalise form (lower case, no accents, Arabic letters folded).
"""

from __future__ import annotations

import re

from portal.services.reading.normalise import normalise

_WORDS: dict[int, tuple[str, ...]] = {
    1: ("one", "jeden", "jedna", "jedno", "roczek", "واحد", "один", "одна", "unu", "un", "una"),
    2: ("two", "dwa", "dwie", "dwoje", "اثنين", "اتنين", "سنتين", "سنتان", "два", "дві", "doi", "doua"),
    3: ("three", "trzy", "troje", "ثلاث", "ثلاثه", "تلات", "تلاته", "три", "trei"),
    4: ("four", "cztery", "czworo", "اربع", "اربعه", "чотири", "четыре", "patru"),
    5: ("five", "piec", "piecioro", "خمس", "خمسه", "пять", "пят", "п'ять", "пять", "cinci"),
    6: ("six", "szesc", "szescioro", "ست", "سته", "шість", "шесть", "sase"),
    7: ("seven", "siedem", "siedmioro", "سبع", "سبعه", "сім", "семь", "sapte"),
    8: ("eight", "osiem", "osmioro", "ثمان", "ثماني", "ثمانيه", "تمن", "تمانيه", "вісім", "восемь", "opt"),
    9: ("nine", "dziewiec", "dziewiecioro", "تسع", "تسعه", "дев'ять", "девять", "девять", "noua"),
    10: ("ten", "dziesiec", "عشر", "عشره", "десять", "zece"),
    11: ("eleven", "jedenascie", "احدعش", "احد عشر", "حداشر", "одинадцять", "одиннадцать", "unsprezece"),
    12: ("twelve", "dwanascie", "اثنعش", "اثنا عشر", "اطناشر", "дванадцять", "двенадцать", "doisprezece"),
    13: (
        "thirteen",
        "trzynascie",
        "ثلاثطعش",
        "ثلاث عشر",
        "ثلاثه عشر",
        "تلطاشر",
        "тринадцять",
        "тринадцать",
        "treisprezece",
    ),
    14: (
        "fourteen",
        "czternascie",
        "اربعطعش",
        "اربع عشر",
        "اربعه عشر",
        "اربعتاشر",
        "чотирнадцять",
        "четырнадцать",
        "paisprezece",
    ),
    15: (
        "fifteen",
        "pietnascie",
        "خمسطعش",
        "خمس عشر",
        "خمسه عشر",
        "خمستاشر",
        "п'ятнадцять",
        "пятнадцять",
        "пятнадцать",
        "cincisprezece",
    ),
    16: (
        "sixteen",
        "szesnascie",
        "ستطعش",
        "ست عشر",
        "سته عشر",
        "ستاشر",
        "шістнадцять",
        "шестнадцать",
        "saisprezece",
    ),
    17: (
        "seventeen",
        "siedemnascie",
        "سبعطعش",
        "سبع عشر",
        "سبعه عشر",
        "سبعتاشر",
        "сімнадцять",
        "семнадцать",
        "saptesprezece",
    ),
    18: (
        "eighteen",
        "osiemnascie",
        "ثمنطعش",
        "ثماني عشر",
        "ثمانيه عشر",
        "تمنتاشر",
        "вісімнадцять",
        "восемнадцать",
        "optsprezece",
    ),
    19: (
        "nineteen",
        "dziewietnascie",
        "تسعطعش",
        "تسع عشر",
        "تسعه عشر",
        "تسعتاشر",
        "дев'ятнадцять",
        "девятнадцать",
        "nouasprezece",
    ),
    20: ("twenty", "dwadziescia", "عشرين", "двадцять", "двадцать", "douazeci"),
}
_CHINESE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Longest first, so "seventeen" is not read as "seven".
_LOOKUP = sorted(
    {(normalise(word), n) for n, words in _WORDS.items() for word in words}, key=lambda p: (-len(p[0]), p[0])
)
_WORD = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(word) for word, _ in _LOOKUP) + r")(?![\w'])", re.IGNORECASE
)
_NUMBER_OF = dict(_LOOKUP)
# Only before an age word: "三年级" is a school year, not an age.
_CHINESE_NUMBER = re.compile(r"([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)(?=\s*(岁|周岁|个月))")


def _chinese(match: re.Match[str]) -> str:
    tens, ten, units = match.group(1, 2, 3)
    if not (tens or ten or units):
        return match.group(0)
    if ten:
        return str(10 * (_CHINESE.get(tens, 1) if tens else 1) + _CHINESE.get(units, 0))
    return str(_CHINESE.get(tens, 0))


# Words that are numbers only next to an age word: "one" ("the little one"),
# "un", "una", "opt" and the Arabic "ست" (a lady) are ordinary words on their own.
_ONLY_WITH_AGE = {"one", "un", "una", "opt", "ست"}
_AGE_WORDS = re.compile(
    r"\s*(an|ani|anisor|luni|year|years|yrs|yo|lat|lata|سنين|سنوات|سنه|років|роки|лет|года)\b"
)


def number_in_words(text: str) -> str:
    """The text with number words replaced by digits ("he's nine" → "he's 9")."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        if word in _ONLY_WITH_AGE and not _AGE_WORDS.match(text, match.end()):
            return match.group(0)
        return str(_NUMBER_OF[word])

    return chinese_numbers_to_digits(_WORD.sub(replace, text))


def chinese_numbers_to_digits(text: str) -> str:
    """Chinese numerals before 岁 or 个月 as digits ("十三岁" → "13岁")."""
    return _CHINESE_NUMBER.sub(_chinese, text)
