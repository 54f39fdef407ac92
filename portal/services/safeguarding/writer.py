"""Is the person telling us about harm a child?

A child who tells us they are being hurt should be answered as a child:
Childline first, in words for a child, and that it is not their fault. The
signs are the ones a child gives without being asked: their own age under
18 ("im 13", "mam 12 lat", "عمري 11", "我13岁"), or the adults of their own
home or school doing something to them ("my step dad hits me", "mums
boyfriend comes in my room"). A wrong guess costs little: an adult told
about Childline still has the other numbers.
"""

from __future__ import annotations

import re

from portal.services.reading.normalise import normalise
from portal.services.reading.number_words import number_in_words

_AGE = r"(1[0-7]|[5-9])"
_OWN_AGE = [
    # English
    rf"\b(i''?m|im|i\s+am|iam|i\s+m)\s+(only\s+|just\s+)?{_AGE}\b(?!\s*(weeks?|months?|minutes?|mins|hours?|kids|children|%|pounds|quid|p\b))",
    rf"\b(age|aged)\s+{_AGE}\b(?=[^.!?]{{0,20}}\b(me|i)\b)",
    rf"\bi\s+(just\s+)?turned\s+{_AGE}\b",
    # Polish
    rf"\bmam\s+{_AGE}\s*(lat|lata|l)\b",
    # Ukrainian / Russian
    rf"\b(мені|мне)\s+{_AGE}\b",
    rf"\bя\s+(маю\s+)?{_AGE}\s*(років|роки|рік|лет|года)\b",
    # Arabic (Arabic-Indic digits are folded to ASCII by the caller)
    rf"(عمري|انا\s+عمري|سني)\s*{_AGE}\b",
    # Romanian
    rf"\b(am|eu\s+am)\s+{_AGE}\s*(de\s+)?ani\b",
    # Chinese
    rf"我(今年|才|只有)?{_AGE}(岁|周岁)",
]
_CARERS_EN = (
    r"(mum|mom|mam|mummy|mother|dad|daddy|father|step\s?-?\s?dad|step\s?-?\s?father|step\s?-?\s?mum|step\s?-?\s?mom|"
    r"stepmother|mums\s+boyfriend|mum''?s\s+boyfriend|mums\s+bf|dads\s+girlfriend|dad''?s\s+girlfriend|"
    r"uncle|auntie|aunty|nan|nana|grandad|grandpa|teacher|coach|foster\s+(mum|dad|carer)|big\s+brother|"
    r"older\s+brother|cousin)"
)
_CHILD_ABOUT_CARER = [
    rf"\bmy\s+{_CARERS_EN}\b[^.!?]{{0,60}}\b(me|my\s+(room|bed|body|arm|leg|face))\b",
    r"\b(moja\s+mama|moj\s+tata|ojczym|macocha|wujek|chlopak\s+mamy|partner\s+mamy)\b[^.!?]{0,60}\b(mnie|mi|mna)\b",
    r"\b(моя\s+мама|мій\s+тато|мой\s+папа|вітчим|отчим|мачуха|дядько|дядя)\b[^.!?]{0,60}\b(мене|мені|меня|мне)\b",
    r"(امي|ماما|ابوي|بابا|ابي|زوج\s*امي|مرت\s*ابوي|زوجه\s*ابي|عمي|خالي)[^.!?]{0,60}(ني|لي|علي)\b",
    r"\b(mama|tata|tatal\s+vitreg|tatal\s+meu|mama\s+vitrega|unchiul|iubitul\s+mamei)\b[^.!?]{0,60}\b(ma|mi|pe\s+mine|m-)",
    r"(我妈|我爸|妈妈|爸爸|后爸|继父|继母|后妈|叔叔|舅舅|老师)[^。！？]{0,30}(我)",
]
_PATTERNS = [re.compile(normalise(p)) for p in _OWN_AGE + _CHILD_ABOUT_CARER]
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def is_child(message: str) -> bool:
    """True when the message reads as written by a child or young person about themselves."""
    text = normalise(message).translate(_ARABIC_DIGITS)
    text = number_in_words(text)
    return any(pattern.search(text) for pattern in _PATTERNS)


_PARTNER = re.compile(
    normalise(
        r"\b(my|her|his|mum''?s|mums)\s+(partner|husband|hubby|boyfriend|bf|ex|ex-partner|ex-husband|wife|girlfriend)\b"
        r"|\b(partner|maz|mąż|chlopak|chłopak|były|byly|konkubent)\b"
        r"|(زوجي|جوزي|رجلي|طليقي|خطيبي|صاحبي)"
        r"|\b(чоловік|чоловiк|муж|хлопець|колишній|партнер|співмешканець)\b"
        r"|\b(sotul|soțul|iubitul|fostul|partenerul|concubinul)\b"
        r"|(老公|丈夫|男朋友|前夫|男友|对象)"
    )
)


def mentions_partner(message: str) -> bool:
    """True when the message names the writer's (or a mother's) partner or ex: harm from
    them is domestic abuse, whatever else it is."""
    return bool(_PARTNER.search(normalise(message)))
