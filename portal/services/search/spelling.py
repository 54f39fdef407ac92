"""Did you mean: spelling suggestions from the words in the search index.

Parents type fast on small phones and often in a second language; a word found nowhere in
the index is searched as the nearest word it does hold, and offered back as "Did you mean".
"""

from __future__ import annotations

from typing import Any


class Speller:
    """Spelling suggestions from the words in the index, one edit away (a
    deletion-neighbourhood lookup, as SymSpell does): microseconds per word,
    where Whoosh's own corrector walks a word graph for tens of milliseconds."""

    def __init__(self, searcher: Any, field_name: str) -> None:
        self.frequency: dict[str, int] = {}
        self.deletions: dict[str, list[str]] = {}
        for word_bytes, info in searcher.reader().iter_field(field_name):
            word = word_bytes.decode("utf-8") if isinstance(word_bytes, bytes) else word_bytes
            if len(word) < 3 or word.isdigit():
                continue
            self.frequency[word] = info.doc_frequency()
            for variant in self._variants(word):
                self.deletions.setdefault(variant, []).append(word)

    @staticmethod
    def _variants(word: str) -> set[str]:
        return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}

    def knows(self, word: str) -> bool:
        return word in self.frequency

    def suggest(self, word: str) -> str | None:
        candidates = {c for v in self._variants(word) for c in self.deletions.get(v, ())} - {word}
        close = [c for c in candidates if _edit_distance(word, c) <= 1 + (len(word) >= 7)]
        return max(close, key=lambda c: (self.frequency[c], c)) if close else None


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), for short words."""
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous_previous[j - 2] + 1)
            current.append(value)
        previous_previous, previous = previous, current
    return previous[-1]


def corrections(spellers: list[Speller], words: list[str], vocabulary: set[str]) -> dict[str, str]:
    """Spelling corrections for words found nowhere in the index or the synonym list."""
    corrections = {}
    for word in words:
        lowered = word.lower()
        if len(lowered) < 4 or lowered in vocabulary or lowered.isdigit():
            continue
        if any(speller.knows(lowered) for speller in spellers):
            continue
        for speller in spellers:
            if suggestion := speller.suggest(lowered):
                corrections[word] = suggestion
                break
    return corrections
