"""Reading age of English guidance (Flesch-Kincaid), without downloaded dictionaries.

Reading age in the UK is roughly the US grade plus five. The brief asks for
guides a 9 to 11 year old could read, so a guide's reading age must not
exceed READING_AGE_TARGET. Syllables are counted with a vowel-group rule
(good to about one syllable in ten words, which is enough to rank text).

    python -m portal.services.content.readability content/guides/*.md
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

READING_AGE_TARGET = 11.0

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n\s*[-*]\s|\n#+\s")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_MARKDOWN = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`>#]")


def count_syllables(word: str) -> int:
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1  # silent e: "make", "home"
    if (
        word.endswith(("ed", "es"))
        and not word.endswith(("ted", "ded", "ses", "zes", "ces", "ges"))
        and groups > 1
    ):
        groups -= 1  # "played", "tries"
    return max(1, groups)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level."""
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def reading_age(self) -> float:
        return round(self.grade + 5, 1)


def measure(markdown_text: str) -> Readability:
    text = _MARKDOWN.sub(lambda m: m.group(1) or "", markdown_text)
    words = _WORD.findall(text)
    sentences = [part for part in _SENTENCE_END.split(text) if _WORD.search(part)]
    return Readability(
        words=len(words),
        sentences=max(1, len(sentences)),
        syllables=sum(count_syllables(word) for word in words),
    )


def main(paths: list[str]) -> int:
    import frontmatter

    worst = 0.0
    for path in paths:
        post = frontmatter.load(path)
        score = measure(str(post.content))
        worst = max(worst, score.reading_age)
        flag = "" if score.reading_age <= READING_AGE_TARGET else f"  ABOVE TARGET {READING_AGE_TARGET}"
        print(f"{score.reading_age:5.1f}  {Path(path).name}{flag}")
    return 0 if worst <= READING_AGE_TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
