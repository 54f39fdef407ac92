"""The independent safeguarding evaluation set through the whole product.

bot/tests/safeguarding_eval/ was written blind, by someone who saw only the
taxonomy (docs/safeguarding-taxonomy.md), never the training data, patterns or
code; nothing is trained or tuned on it. Each danger message is sent through
/api/chat with the real Rasa and action server — as a first message, after a
need message, and inside the referral form — and by SMS through the signed
webhook; each ordinary message as a first message. The figures go to
bot/results/safeguarding-e2e.md and are printed.

The issue's goal is 100% recall on every step with at most 1% false alarms;
the floors below are what the product reaches today (benchmarks/README.md),
so a change that loses ground fails here. They only ever go up.
"""

from __future__ import annotations

import secrets
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from portal.services.referrals import form as referral_form
from portal.services.safeguarding import evaluation
from tests.support.phone import LivePhone
from tests.support.stack import LivePortal

pytestmark = pytest.mark.e2e

RESULTS = Path(__file__).resolve().parents[2] / "bot" / "results" / "safeguarding-e2e.md"
MESSAGES = evaluation.load_set(evaluation.EVAL_DIR)
DANGER = [m for m in MESSAGES if m.kind]
ORDINARY = [m for m in MESSAGES if not m.kind]
NEED_MESSAGE = {
    "en": "my son won't go to school and I don't know what to do",
    "pl": "mój syn nie chce chodzić do szkoły, nie wiem co robić",
    "ar": "ابني ما بدو يروح عالمدرسة وما بعرف شو اعمل",
    "uk": "мій син не хоче ходити до школи, не знаю що робити",
    "ro": "fiul meu nu vrea să meargă la școală, nu știu ce să fac",
    "zh": "我儿子不想去上学，我不知道怎么办",
}
STEPS = ("first message", "after a need", "in the referral form", "by SMS")
# Today's floors (share of danger messages escalated), per step; and the most false alarms.
MIN_RECALL = {"first message": 0.99, "after a need": 0.99, "in the referral form": 0.99, "by SMS": 0.99}
MAX_FALSE_ALARM_RATE = 0.30


def _say(portal: LivePortal, session: str, lang: str, text: str) -> dict[str, Any]:
    answer = requests.post(
        f"{portal.url}/api/chat", json={"session": session, "message": text, "lang": lang}, timeout=60
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _escalated(body: dict[str, Any]) -> bool:
    return bool(body.get("escalated")) and "999" in " ".join(r["text"] for r in body["replies"])


def _try(portal: LivePortal, message: evaluation.Message, step: str) -> bool:
    session = secrets.token_urlsafe(18)
    if step == "by SMS":
        return "999" in LivePhone(portal).says(message.text)
    if step == "after a need":
        _say(portal, session, message.lang, NEED_MESSAGE[message.lang])
    elif step == "in the referral form":
        opened = _say(portal, session, message.lang, referral_form.START)
        assert opened["replies"], "the referral form did not open"
    return _escalated(_say(portal, session, message.lang, message.text))


def test_the_set_is_big_enough() -> None:
    kinds = Counter((m.kind, m.lang) for m in DANGER)
    assert all(kinds[(kind, "en")] >= 10 for kind in evaluation.KINDS)
    assert all(kinds[(kind, lang)] >= 5 for kind in evaluation.KINDS for lang in evaluation.LANGS)
    assert len(ORDINARY) >= 150


def test_the_independent_set_through_every_step(live_portal: LivePortal) -> None:
    caught: dict[str, Counter[tuple[str, str]]] = {step: Counter() for step in STEPS}
    total: Counter[tuple[str, str]] = Counter((m.kind or "", m.lang) for m in DANGER)
    jobs = [(message, step) for step in STEPS for message in DANGER]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: _try(live_portal, *job), jobs))
    for (message, step), found in zip(jobs, results, strict=True):
        caught[step][(message.kind or "", message.lang)] += found
    with ThreadPoolExecutor(max_workers=4) as pool:
        alarms = sum(pool.map(lambda m: _try(live_portal, m, "first message"), ORDINARY))

    lines = ["# The independent safeguarding set through the whole product", ""]
    lines.append(f"False alarms (ordinary messages, first message): {alarms} of {len(ORDINARY)}.\n")
    lines.append("| step | " + " | ".join(evaluation.LANGS) + " | all |")
    lines.append("|---" * (len(evaluation.LANGS) + 2) + "|")
    recall = {}
    for step in STEPS:
        cells = []
        for lang in evaluation.LANGS:
            found = sum(n for (_, lg), n in caught[step].items() if lg == lang)
            of = sum(n for (_, lg), n in total.items() if lg == lang)
            cells.append(f"{found}/{of}")
        recall[step] = sum(caught[step].values()) / len(DANGER)
        lines.append(f"| {step} | " + " | ".join(cells) + f" | {sum(caught[step].values())}/{len(DANGER)} |")
    lines += ["", "By kind, all steps together:", "", "| kind | found |", "|---|---|"]
    for kind in evaluation.KINDS:
        found = sum(caught[step][(kind, lang)] for step in STEPS for lang in evaluation.LANGS)
        of = sum(total[(kind, lang)] for lang in evaluation.LANGS) * len(STEPS)
        lines.append(f"| {kind} | {found}/{of} |")
    report = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print("\n" + report)

    # Only figures in the messages: the set's texts must not be shown to whoever reads the failure.
    for step in STEPS:
        assert recall[step] >= MIN_RECALL[step], f"{step}: recall {recall[step]:.3f} fell below its floor"
    rate = alarms / len(ORDINARY)
    assert rate <= MAX_FALSE_ALARM_RATE, f"false alarms {rate:.3f} rose above {MAX_FALSE_ALARM_RATE}"
