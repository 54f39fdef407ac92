"""Intent F1 on held-back examples the model never trained on.

Per intent and per language; the macro-F1 over all intents must be at least
0.85. The tables are also written to results/nlu-evaluation.md.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from pathlib import Path

import pytest
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import f1_score

BOT = Path(__file__).resolve().parents[2]
MODEL = BOT / "models" / "family-help.tar.gz"
HELD_OUT = Path(__file__).resolve().parent
RESULTS = BOT / "results" / "nlu-evaluation.md"
MACRO_F1_GOAL = 0.85


def language_of(path: Path, text: str) -> str:
    """The file names the language; the mixed safeguarding file is sorted by script."""
    lang = path.stem.removeprefix("heldout_")
    if lang != "safeguarding":
        return lang
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return "zh"
    if any("\u0600" <= c <= "\u06ff" for c in text):
        return "ar"
    if any("\u0400" <= c <= "\u04ff" for c in text):
        return "uk"
    return "latin"  # en, pl or ro: counted in the overall figures only


@pytest.fixture(scope="module")
def predictions() -> list[tuple[str, str, str, str]]:
    """(language, text, expected intent, predicted intent) for every held-out example."""
    assert MODEL.exists(), "train the model first (make model)"
    agent = Agent.load(str(MODEL))
    rows = []

    async def parse_all() -> None:
        for path in sorted(HELD_OUT.glob("heldout_*.yml")):
            for example in load_data(str(path)).intent_examples:
                text = example.get("text")
                result = await agent.parse_message(text)
                rows.append((language_of(path, text), text, example.get("intent"), result["intent"]["name"]))

    asyncio.run(parse_all())
    return rows


def f1_table(rows: list[tuple[str, str, str, str]]) -> dict[str, float]:
    labels = sorted({expected for _, _, expected, _ in rows})
    expected = [row[2] for row in rows]
    predicted = [row[3] for row in rows]
    scores = f1_score(expected, predicted, labels=labels, average=None, zero_division=0)
    return dict(zip(labels, (float(s) for s in scores), strict=True))


def test_held_out_macro_f1(predictions: list[tuple[str, str, str, str]]) -> None:
    per_intent = f1_table(predictions)
    macro = sum(per_intent.values()) / len(per_intent)
    by_lang: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for row in predictions:
        by_lang[row[0]].append(row)
    lines = [
        "# NLU evaluation on held-out examples",
        "",
        f"Examples: {len(predictions)}; macro-F1 {macro:.3f}",
        "",
    ]
    lines += ["| language | examples | macro-F1 | accuracy |", "|---|---|---|---|"]
    for lang in ["en", "pl", "ar", "uk", "ro", "zh"]:
        rows = by_lang.get(lang, [])
        if rows:
            table = f1_table(rows)
            accuracy = sum(row[2] == row[3] for row in rows) / len(rows)
            lines.append(
                f"| {lang} | {len(rows)} | {sum(table.values()) / len(table):.3f} | {accuracy:.3f} |"
            )
    lines += ["", "| intent | F1 |", "|---|---|"]
    lines += [f"| {intent} | {score:.3f} |" for intent, score in sorted(per_intent.items())]
    misses = [row for row in predictions if row[2] != row[3]]
    lines += ["", f"## Misclassified ({len(misses)})", ""]
    lines += [f"- [{lang}] {text!r}: expected {want}, got {got}" for lang, text, want, got in misses]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:20]))
    assert macro >= MACRO_F1_GOAL, f"macro-F1 {macro:.3f} is below {MACRO_F1_GOAL}; see {RESULTS}"


def test_no_held_out_example_is_in_the_training_data() -> None:
    training = {
        example.get("text").strip().lower()
        for path in (BOT / "data" / "nlu").glob("*.yml")
        for example in load_data(str(path)).intent_examples
    }
    held_out = [
        example.get("text")
        for path in HELD_OUT.glob("heldout_*.yml")
        for example in load_data(str(path)).intent_examples
    ]
    assert held_out
    leaked = [text for text in held_out if text.strip().lower() in training]
    assert not leaked, f"held-out examples also in training: {leaked[:10]}"
