"""Measuring the portal's danger layers on sets of messages: recall and false alarms.

Two kinds of set, never mixed up:
- development sets (bot/tests/safeguarding_dev/): written with the training
  data; the classifier's threshold is chosen on them;
- independent evaluation sets (bot/tests/safeguarding_eval/): written blind by
  someone who saw only the taxonomy; never trained or tuned on, only measured.

The whole stack (Rasa's NLU too, every channel and step) is measured end to
end in tests/e2e/test_safeguarding_eval.py; this module measures the layers
the portal owns, in-process, and says which layer caught what.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.services.safeguarding import classifier, patterns
from portal.services.safeguarding.kinds import KINDS

ROOT = Path(__file__).resolve().parents[3]
DEV_DIR = ROOT / "bot" / "tests" / "safeguarding_dev"
EVAL_DIR = ROOT / "bot" / "tests" / "safeguarding_eval"
LANGS = ("en", "pl", "ar", "uk", "ro", "zh")


@dataclass(frozen=True)
class Message:
    lang: str
    text: str
    kind: str | None  # None for an ordinary message


def load_set(directory: Path) -> list[Message]:
    messages: list[Message] = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("messages") or []:
            if item["kind"] not in KINDS:
                raise ValueError(f"{path.name}: unknown kind {item['kind']!r}")
            messages.append(Message(item["lang"], str(item["text"]), item["kind"]))
        messages.extend(Message(item["lang"], str(item["text"]), None) for item in data.get("ordinary") or [])
    return messages


@dataclass
class Report:
    threshold: float
    caught: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, lang)
    total: Counter[tuple[str, str]] = field(default_factory=Counter)
    layer: Counter[str] = field(default_factory=Counter)  # which layer caught a danger message first
    kind_right: int = 0
    missed: list[Message] = field(default_factory=list)
    alarms: list[Message] = field(default_factory=list)
    sure_alarms: int = 0  # false alarms that interrupt (the rest only put safety lines first)
    sure_finds: int = 0  # danger found surely (a pattern, or the classifier at INTERRUPT)
    ordinary: int = 0

    @property
    def danger(self) -> int:
        return sum(self.total.values())

    @property
    def recall(self) -> float:
        return sum(self.caught.values()) / self.danger if self.danger else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.alarms) / self.ordinary if self.ordinary else 0.0


def evaluate(messages: list[Message], threshold: float = classifier.THRESHOLD) -> Report:
    report = Report(threshold)
    model = classifier.model()
    for message in messages:
        by_pattern = patterns.kinds_in(message.text)
        features = model.read(message.text)
        probability = model.probability(message.text, features)
        by_classifier = probability >= classifier.bar_for(message.text, threshold) and classifier.long_enough(
            classifier.prepare(message.text)
        )
        found = bool(by_pattern) or by_classifier
        sure = bool(by_pattern) or (by_classifier and probability >= classifier.INTERRUPT)
        if message.kind is None:
            report.ordinary += 1
            if found:
                report.alarms.append(message)
                report.sure_alarms += sure
            continue
        report.sure_finds += sure
        report.total[(message.kind, message.lang)] += 1
        if not found:
            report.missed.append(message)
            continue
        report.caught[(message.kind, message.lang)] += 1
        report.layer["pattern" if by_pattern else "classifier"] += 1
        kinds = by_pattern or [kind for kind, _ in model.kind_ranking(message.text, features)[:2]]
        report.kind_right += message.kind in kinds
    return report


def highest_threshold_with_full_recall(messages: list[Message]) -> float:
    """The largest classifier threshold at which every danger message the classifier reads
    (three words or more, no pattern) is still found."""
    model = classifier.model()
    needed = [
        model.probability(m.text)
        for m in messages
        if m.kind is not None
        and not patterns.kinds_in(m.text)
        and classifier.long_enough(classifier.prepare(m.text))
    ]
    return min(needed) if needed else 1.0


def as_markdown(title: str, report: Report) -> str:
    kinds = [k for k in KINDS if any(report.total[(k, lang)] for lang in LANGS)]
    lines = [
        f"## {title}",
        "",
        f"Danger messages found: **{sum(report.caught.values())} of {report.danger} "
        f"({100 * report.recall:.1f}%)**; false alarms on ordinary messages: **{len(report.alarms)} of "
        f"{report.ordinary} ({100 * report.false_alarm_rate:.1f}%)**; classifier threshold "
        f"{report.threshold:.2f}.",
        f"Caught first by the patterns: {report.layer['pattern']}; by the classifier alone: "
        f"{report.layer['classifier']}. Kind named right (first or second guess): {report.kind_right}.",
        f"Sure (interrupting): {report.sure_finds} of the danger found; {report.sure_alarms} of the false "
        f"alarms (the other {len(report.alarms) - report.sure_alarms} put the safety lines first and the "
        "conversation went on).",
        "",
        "| kind | " + " | ".join(LANGS) + " | all |",
        "|---" * (len(LANGS) + 2) + "|",
    ]
    for kind in kinds:
        cells = []
        for lang in LANGS:
            total = report.total[(kind, lang)]
            cells.append(f"{report.caught[(kind, lang)]}/{total}" if total else "–")
        caught = sum(report.caught[(kind, lang)] for lang in LANGS)
        total = sum(report.total[(kind, lang)] for lang in LANGS)
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {caught}/{total} |")
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (_, lang), total in report.total.items():
        by_lang[lang][1] += total
    for (_, lang), caught in report.caught.items():
        by_lang[lang][0] += caught
    lines.append(
        "| **all** | " + " | ".join(f"{by_lang[lang][0]}/{by_lang[lang][1]}" for lang in LANGS) + " | |"
    )
    return "\n".join(lines) + "\n"
