"""Triage for the assistant: which needs a message is about, and what a
typed answer to "how old is the child?" or "which area?" means.

Rasa's actions send what the conversation knows; the decisions are made
here, in the portal, so they can be tested and changed in one place.
"""

from __future__ import annotations

import re
from typing import Any

from portal.services.reading import places
from portal.services.reading.normalise import normalise
from portal.services.reading.number_words import number_in_words
from portal.taxonomy import AGE_BANDS, NEED_KEYS

MAX_NEEDS = 3
# A second need must be at least this likely to count ("we're being evicted
# and the kids are struggling at school").
SECOND_NEED_CONFIDENCE = 0.2
WORRY_WORDS_LIMIT = 200
ANY = "any"  # "not sure" / "skip": search without this filter


def needs_from(intent_ranking: list[dict[str, Any]], known: list[str]) -> list[str]:
    """The needs to signpost: this message's, most likely first, then earlier ones."""
    found: list[str] = []
    for position, intent in enumerate(intent_ranking or []):
        name = str(intent.get("name") or "")
        key = name.removeprefix("need_")
        if not name.startswith("need_") or key not in NEED_KEYS:
            continue
        confidence = float(intent.get("confidence") or 0)
        if not found or confidence >= SECOND_NEED_CONFIDENCE:
            found.append(key)
        if position > 4:
            break
    merged = [*found, *(key for key in known if key in NEED_KEYS)]
    return list(dict.fromkeys(merged))[:MAX_NEEDS]


def worry_words(text: str, previous: str) -> str:
    """The person's own words about the worry, to search with (button payloads are not words)."""
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return previous
    return text[:WORRY_WORDS_LIMIT]


# --- the age question ---------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_PREGNANCY = re.compile(
    r"pregnan|expecting|due (in|date)|not born|ciaz|ciez|حامل|حمل|вагітн|insarcinat|gravid|怀孕|孕"
)
_MONTHS = re.compile(r"(\d+)\s*(months?|mths?|mo\b|miesi|شهر|اشهر|شهور|місяц|мiсяц|luni|luna|个月|月)")
_WEEKS = re.compile(
    r"(\d+)\s*(weeks?|wks?|tydz|tygod|اسبوع|اسابيع|тижн|saptam|周(?!岁)|星期|days?|dni|يوم|днi|дн|zile|天)"
)
_YEARS = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_TEEN = re.compile(r"teen|nastolat|مراهق|пiдлiт|підліт|adolescent|青少年|少年")
_BABY = re.compile(
    r"\bbaby\b|newborn|toddler|niemowl|bobas|noworod|رضيع|مولود|немовл|малюк|bebe|bebelus|nou-nascut|婴儿|宝宝|宝贝"
)
_ADULT_CHILD = re.compile(r"(?<!\d)(1[7-9]|2[0-5])(?!\d)")


def band_for_years(years: int) -> str | None:
    for band in AGE_BANDS:
        if band.min_years >= 0 and band.min_years <= years <= band.max_years:
            return band.key
    return None


def age_band_from_text(text: str) -> str | None:
    """The age band a typed answer names, or None when it names none ("nine" counts)."""
    plain = number_in_words(normalise(text).translate(_DIGITS))
    if _PREGNANCY.search(plain):
        return "pregnancy"
    if months := _MONTHS.search(plain):
        return band_for_years(int(months.group(1)) // 12)
    if _WEEKS.search(plain):
        return "0-2"
    if years := _YEARS.search(plain):
        return band_for_years(int(years.group(1)))
    if _TEEN.search(plain):
        return "12-16"
    if _BABY.search(plain):
        return "0-2"
    return None


# --- the area question --------------------------------------------------------

_AREA_WORDS = {
    "North Wirral": r"north|polnoc|شمال|пiвнiч|північ|nord|北",
    "South Wirral": r"south|poludni|جنوب|пiвден|півден|\bsud\b|南",
    "East Wirral": r"east|wschod|شرق|схiд|схід|\best\b|东",
    "West Wirral": r"west|zachod|غرب|захiд|захід|\bvest\b|西",
}
_SKIP = re.compile(
    r"skip|rather not|don'?t|dont|not say|any|pomin|wole nie"
    r"|تخطي|لا اريد|пропуст|не хочу|sari|prefer sa nu|跳过|不想"
)


def area_from_text(text: str) -> str | None:
    """The area a typed answer names: a town or postcode, an area's name, or "skip"."""
    if town := places.area_named_in(text):
        return town
    plain = normalise(text)
    found = [area for area, words in _AREA_WORDS.items() if re.search(normalise(words), plain)]
    if len(found) == 1:
        return found[0]
    if _SKIP.search(plain):
        return ANY
    return None


# --- what a message about a worry already says --------------------------------

# "my 13 year old", "my son (9)", "moja 7-letnia corka", "ابني عمره 9", "сину 12 років",
# "fiul meu de 10 ani", "我儿子13岁": an age said next to a child or an age word.
_STATED_AGE = re.compile(
    normalise(
        r"(?<!\d)(\d{1,2})\s*(-|\s)?\s*(year|yr|y/o|yo\b|years|yrs|month|mth|week|wk"
        r"|lat|lata|letni|letnia|letnie|miesi|tydz|tygod"
        r"|سنه|سنين|سنوات|شهر|اشهر|شهور|اسبوع"
        r"|рок|років|роки|річн|лет|года|місяц|тижн"
        r"|ani|an\b|luni|luna|saptam"
        r"|岁|周岁|个月|月大)"
        r"|(aged?|ages|age|wiek|عمرهم|اعمارهم|عمره|عمرها|عمر|віком|вік|varsta|de\s+varsta)\s*(\d{1,2})(?!\d)"
        r"|(son|daughter|boy|girl|kid|child|syn|corka|chlopak|dziewczyn|ابني|بنتي|ولدي|син|донька|дочка|fiul|fiica|儿子|女儿|孩子)\s*(is|jest|ma|عمره|عمرها|має|are|有)?\s*\(?(\d{1,2})\)?(?!\d)"
    )
)


def age_band_stated(text: str) -> str | None:
    """The child's age band when a message about a worry states an age, else None.

    Stricter than an answer to "how old?": a number must sit next to an age word
    or a child ("my 13 year old", "she's 9 months", "孩子七岁"), so "2 kids" or
    "£300 rent" are not ages. A pregnancy counts too.
    """
    plain = number_in_words(normalise(text).translate(_DIGITS))
    if _PREGNANCY.search(plain):
        return "pregnancy"
    match = _STATED_AGE.search(plain)
    if not match:
        return None
    number = next(int(group) for group in match.groups() if group and group.isdigit())
    unit = match.group(3) or ""
    if re.match(r"month|mth|miesi|شهر|اشهر|شهور|місяц|luni|luna|个月|月大", unit):
        return band_for_years(number // 12)
    if re.match(r"week|wk|tydz|tygod|اسبوع|тижн|saptam", unit):
        return "0-2"
    return band_for_years(number)


def known_from_message(text: str) -> dict[str, str]:
    """The age band and area a message states, to fill triage without asking again."""
    known = {}
    if band := age_band_stated(text):
        known["age_band"] = band
    if area := places.area_named_in(text):
        known["area"] = area
    return known


NOT_SURE = re.compile(
    normalise(
        r"not sure|no idea|dunno|\bidk\b|don'?t know|dont know|rather not|prefer not|skip"
        r"|nie wiem|nie jestem pewn|nu stiu|nu sunt sigur|не знаю|не впевнен|لا اعرف|ما بعرف|مش عارف|مو متاكد"
        r"|不知道|不确定|不清楚"
    )
)


def understand(slot: str, text: str, intent: str | None) -> str | None:
    """The value a typed answer gives the slot being asked for, or None."""
    if intent in {"dont_know", "deny"}:
        return ANY
    value = None
    if slot == "age_band":
        value = age_band_from_text(text)
    elif slot == "area":
        value = area_from_text(text)
    if value is None and NOT_SURE.search(normalise(text)):
        return ANY
    return value
