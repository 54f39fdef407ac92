"""What a typed answer to one of the referral form's questions means.

Families answer in their own words and in six languages; buttons cover most
answers, these cover the rest. Each reader returns None when it cannot tell,
so the form asks again with a hint rather than guessing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from portal.i18n import LANGUAGES
from portal.services.reading import phone
from portal.services.reading.normalise import normalise
from portal.services.reading.number_words import chinese_numbers_to_digits
from portal.services.reading.triage import (
    ANY,
    NOT_SURE,
    age_band_from_text,
    area_from_text,
    band_for_years,
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(normalise(pattern))


# Refusals are checked first: "nie zgadzam się" and "不同意" contain a yes.
_NO = _words(
    r"^((no|n|nope|nah|not really|i don'?t|i do not|don'?t|do not|never|nie|nu|ні|нi|не|لا|كلا)(\b|$)"
    r"|不|否|没有|别)"
)
_YES = _words(
    r"^((yes|y|yeah|yep|yea|ya|ok|okay|sure|agree|i agree|fine|please|go ahead|tak|jasne|zgoda|zgadzam|"
    r"da|sigur|de acord|так|згод|добре|نعم|ايوه|ايوا|موافق|اوافق)(\b|$)|是|好|对|可以|同意|行)"
)
_SKIP = _words(
    r"^(skip|pass|next|no thanks|rather not|prefer not|i'?d rather not|not now|none|nothing|-|"
    r"pomin|dalej|wole nie|nie chce|تخطي|لا اريد|التالي|пропустити|пропуст|далі|не хочу|sari peste|"
    r"treci|prefer sa nu|跳过|不想说|下一步|不用)"
)
_STOP = _words(
    r"^(stop|cancel|quit|exit|end|forget it|anuluj|przerwij|koniec|zakoncz|الغاء|توقف|انهاء|"
    r"скасувати|зупинити|стоп|досить|anuleaza|opreste|renunt|取消|停止|不要了|算了)[\s.!]*$"
)
_SEND = _words(r"^(send|send it|submit|yes send|wyslij|ارسل|ارسال|надіслати|надiслати|trimite|发送|提交)")


def is_yes(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is neither ("I don't know"
    is not a no: it is asked again, not taken as a refusal)."""
    plain = normalise(text).strip()
    if NOT_SURE.search(plain):
        return None
    if _NO.search(plain):
        return False
    if _YES.search(plain):
        return True
    return None


def is_skip(text: str) -> bool:
    return bool(_SKIP.search(normalise(text).strip()))


def is_stop(text: str) -> bool:
    return bool(_STOP.search(normalise(text).strip()))


def is_send(text: str) -> bool:
    return bool(_SEND.search(normalise(text).strip())) or is_yes(text) is True


_SELF = _words(
    r"\b(me|myself|for me|i am|i'?m|mnie|siebie|dla mnie|ja|نفسي|لي|انا|мене|себе|для мене|я|"
    r"pentru mine|eu|mie|我自己|我|自己)\b"
)
_CHILDREN = _words(
    r"(child|kid|son|daughter|baby|boy|girl|teen|dzieck|dzieci|syn|cork|coreczk|dziewczyn|chlop|"
    r"طفل|اطفال|ابن|ابنتي|بنت|ولد|дитин|діт|дiт|син|доньк|дочк|copil|copii|fiu|fiica|fata|baiat|"
    r"孩子|儿子|女儿|宝宝|小孩)"
)


def about_from_text(text: str) -> str | None:
    plain = normalise(text)
    if _CHILDREN.search(plain):
        return "children"
    if _SELF.search(plain):
        return "self"
    return None


def years_from_text(text: str) -> int | None:
    """A single age in years ("I'm 15", "mam 15 lat", "我十五岁")."""
    plain = chinese_numbers_to_digits(normalise(text).translate(_DIGITS))
    if match := re.search(r"(?<!\d)(\d{1,2})(?!\d)", plain):
        return int(match.group(1))
    return None


def age_bands_from_text(text: str) -> list[str] | None:
    """Every child's age band in "2 and 7", "she's 4, he's 9 and I'm pregnant"."""
    plain = normalise(text).translate(_DIGITS)
    bands: list[str] = []
    if re.search(r"pregnan|expecting|ciaz|ciez|حامل|вагітн|вагiтн|insarcinat|gravid|怀孕", plain):
        bands.append("pregnancy")
    for number in re.findall(
        r"(?<!\d)(\d{1,2})(?!\s*(?:months?|mths?|miesi|شهر|місяц|luni|个月))(?!\d)", plain
    ):
        if band := band_for_years(int(number)):
            bands.append(band)
    if re.search(
        r"(\d{1,2})\s*(months?|mths?|miesi|شهر|місяц|luni|个月)|weeks?|tygod|تيابيع|тижн|saptam", plain
    ):
        bands.append("0-2")
    if not bands and (band := age_band_from_text(text)):
        bands.append(band)
    return bands or None


_NAME_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b|\bi\b|\bsi\b|\bși\b|\bта\b|\bі\b|\bи\b|و|和|、)\s*")


def names_from_text(text: str) -> list[str]:
    return [name[:40] for name in _NAME_SPLIT.split(text.strip()) if name.strip()][:8]


_EMAIL_WORDS = _words(r"e-?mail|\bmail\b|بريد|ايميل|пошт|імейл|емейл|邮件|邮箱|电邮")
_TEXT_WORDS = _words(
    r"\btext|\bsms|message|wiadomosc|esemes|رسالة|رساله|нагадув|повідомл|смс|mesaj|短信|信息"
)
_PHONE_WORDS = _words(
    r"phone|call|ring|zadzwon|telefon|اتصال|اتصل|هاتف|дзвін|дзвон|телефон|suna|apel|电话|打"
)


def contact_method_from_text(text: str) -> str | None:
    plain = normalise(text)
    if "@" in text or _EMAIL_WORDS.search(plain):
        return "email"
    if _TEXT_WORDS.search(plain):
        return "text"
    if _PHONE_WORDS.search(plain):
        return "phone"
    return None


def phone_from_text(text: str) -> str | None:
    """The number in a typed answer ("call me on 07700 900 123 after 6"), in E.164 for storing;
    read by the one phone reader, so the form takes the numbers texts can be sent to."""
    return phone.find_in(text)


_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def email_from_text(text: str) -> str | None:
    value = text.strip().strip("<>.,;")
    return value[:254] if _EMAIL.match(value) else None


_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})?$")


def area_or_postcode_from_text(text: str) -> str | None:
    """An area name, "any" for skip, or a postcode (full or its first half)."""
    compact = text.strip().upper()
    if match := _POSTCODE.match(compact):
        return " ".join(part for part in match.groups() if part)
    area = area_from_text(text)
    return None if area == ANY else area


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Language names in each of our six languages ("polish", "polski", "بولندية") → code."""
    names: dict[str, str] = {}
    for ui in LANGUAGES:
        for code, name in Locale.parse(ui).languages.items():
            if re.fullmatch(r"[a-z]{2,3}", code):
                names.setdefault(normalise(name), code)
    return names


def language_from_text(text: str) -> str | None:
    plain = normalise(text).strip()
    names = _language_names()
    if plain in names:
        return names[plain]
    for word in re.split(r"[\s,.;]+", plain):
        if len(word) > 2 and word in names:
            return names[word]
    for name, code in names.items():
        if len(name) > 3 and name in plain:
            return code
    return None
