"""Curated patterns: the floor of the safeguarding interrupt.

Every message, on every channel, is checked here before it reaches the
assistant, so danger is recognised even if Rasa is down. The patterns in
patterns.yaml are high-precision and multilingual; the danger classifier
(classifier.py) and the assistant's NLU catch paraphrases. Idioms
("he's killing me with these tantrums") cancel a match that lies inside them,
and only the idiom itself: the classifier reads the message without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from portal.services.reading.normalise import normalise
from portal.services.safeguarding.kinds import KINDS

PATTERNS_FILE = Path(__file__).with_name("patterns.yaml")


@dataclass(frozen=True)
class PatternSet:
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    idioms: tuple[re.Pattern[str], ...]


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(normalise(source), re.IGNORECASE)


@lru_cache(maxsize=4)
def load_patterns(path: Path = PATTERNS_FILE) -> PatternSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(data.get("patterns", {})) - set(KINDS)
    if unknown:
        raise ValueError(f"{path.name}: unknown kinds {sorted(unknown)}")
    patterns = {
        kind: tuple(_compile(p) for p in (data.get("patterns", {}).get(kind) or [])) for kind in KINDS
    }
    idioms = tuple(_compile(p) for p in data.get("idioms") or [])
    return PatternSet(patterns, idioms)


def _idiom_spans(text: str, patterns: PatternSet) -> list[tuple[int, int]]:
    return [match.span() for idiom in patterns.idioms for match in idiom.finditer(text)]


def kinds_in(message: str, patterns: PatternSet | None = None) -> list[str]:
    """Every kind of danger the message describes, most urgent first.

    An overdose is both a medical emergency and self-harm; the reply should
    speak to both.
    """
    patterns = patterns or load_patterns()
    text = normalise(message)
    idioms = _idiom_spans(text, patterns)

    def outside_idioms(match: re.Match[str]) -> bool:
        start, end = match.span()
        return not any(i_start <= start and end <= i_end for i_start, i_end in idioms)

    return [
        kind
        for kind in KINDS
        if any(
            outside_idioms(match) for pattern in patterns.patterns[kind] for match in pattern.finditer(text)
        )
    ]


def detect(message: str, patterns: PatternSet | None = None) -> str | None:
    """The most urgent kind of danger the message describes, or None."""
    kinds = kinds_in(message, patterns)
    return kinds[0] if kinds else None


def without_idioms(message: str, patterns: PatternSet | None = None) -> str:
    """The normalised message with every idiom cut out, for the classifier."""
    patterns = patterns or load_patterns()
    text = normalise(message)
    for start, end in sorted(_idiom_spans(text, patterns), reverse=True):
        text = text[:start] + " " + text[end:]
    return " ".join(text.split())


def has_idiom(message: str, patterns: PatternSet | None = None) -> bool:
    """True when the message holds a known idiom ("dying for a coffee")."""
    patterns = patterns or load_patterns()
    return bool(_idiom_spans(normalise(message), patterns))


def is_idiom_only(message: str, patterns: PatternSet | None = None) -> bool:
    """True when the message holds a known idiom and no danger pattern.

    Used to overrule the NLU when it mistakes an idiom for danger; a message
    with any danger pattern is never overruled.
    """
    patterns = patterns or load_patterns()
    text = normalise(message)
    return bool(_idiom_spans(text, patterns)) and detect(message, patterns) is None
