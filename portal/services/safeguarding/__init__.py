"""The safeguarding interrupt: does this message describe a risk of serious harm?

Checked in the portal on every message, on every channel and at every step
(first message, triage, referral form), before the assistant sees it, so
danger is answered even if Rasa is down. Two layers here, recall first:

1. curated patterns (patterns.py): precise, multilingual, the floor;
2. the danger classifier (classifier.py): paraphrases nobody wrote a pattern for.

The assistant's NLU (intent `safeguarding_emergency`) is a third layer, in Rasa.
docs/architecture.md says what each layer catches, with figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.services.safeguarding import classifier, writer
from portal.services.safeguarding.kinds import KINDS, UNSPECIFIED, by_urgency
from portal.services.safeguarding.patterns import detect, is_idiom_only, kinds_in, load_patterns

__all__ = [
    "KINDS",
    "NOTHING",
    "UNSPECIFIED",
    "Finding",
    "assess",
    "by_urgency",
    "detect",
    "is_idiom_only",
    "kinds_in",
    "load_patterns",
]


@dataclass(frozen=True)
class Finding:
    """The kinds of danger found, most urgent first, and the layer that found them."""

    kinds: list[str]
    layer: str  # "pattern" or "classifier"
    # False when only the classifier saw danger, and not surely: the safety lines come
    # first and the conversation goes on (a false alarm then costs a sentence, not a
    # conversation); True interrupts whatever the assistant was doing.
    certain: bool = True

    def __bool__(self) -> bool:
        return bool(self.kinds)


NOTHING = Finding([], "")


# What a button sends ("/affirm", '/inform_age{"age_band":"5-11"}', "/ref:about:children").
BUTTON_PAYLOAD = re.compile(r"/[\w:.-]+(\{[^{}]*\})?")


def assess(message: str) -> Finding:
    """Every kind of danger the portal's layers find in a message.

    The patterns read everything, typed text that starts with "/" included; a button's
    payload is the portal's own words, so the classifier does not read it.
    """
    found = kinds_in(message)
    if found:
        return Finding(found, "pattern")
    if BUTTON_PAYLOAD.fullmatch(message):
        return NOTHING
    found, certain = classifier.assess(message)
    if found and "domestic_abuse" not in found and writer.mentions_partner(message):
        found = [*found, "domestic_abuse"]  # a partner's violence: the domestic abuse helpline too
    return Finding(by_urgency(found), "classifier", certain) if found else NOTHING
