"""SMS benchmark: Twilio webhook round trips, and what the replies cost in segments.

    .venv/bin/python benchmarks/sms.py [--conversations 50]

Starts the action server, Rasa and the portal (gunicorn, as in production),
then plays scripted text conversations in six languages through POST
/sms/twilio, signed as Twilio signs them: one conversation at a time, 10 at
once and 50 at once (each a different phone number). Prints round-trip
p50/p95 for each, and the segments the answers cost: per reply (everything
sent back for one text) and per text message, by language.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import requests
from stack import ROOT, running_stack
from twilio.request_validator import RequestValidator

DEV_TWILIO_AUTH_TOKEN = "dev-twilio-auth-token"  # what FAMILYHELP_ENV=test uses (portal/config.py)
# Typed words and digits (answers to the numbered choices), as a family would text them.
SCRIPTS = {
    "en": [
        "hi",
        "we are being evicted and have nowhere to go",
        "she is 7",
        "1",
        "2",
        "1",
        "1",
        "7",
        "thanks",
    ],
    "pl": ["cześć", "nie mamy pieniędzy na jedzenie", "ma 4 lata", "1", "2", "2", "dziękuję"],
    "ar": ["مرحبا", "المالك يريد طردنا من البيت", "عمرها 9 سنوات", "1", "2", "1", "1", "شكرا"],
    "uk": ["привіт", "дитина погано спить і постійно плаче", "йому 1 рік", "2", "1", "дякую"],
    "ro": ["buna", "fiica mea e foarte anxioasa si nu mai doarme", "are 15 ani", "1", "2", "2", "multumesc"],
    "zh": ["你好", "我们交不起房租了", "孩子7岁", "4", "2", "1", "1", "谢谢"],
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(label: str, values: list[float]) -> str:
    return (
        f"{label:<46} n={len(values):<4} p50 {statistics.median(values) * 1000:7.1f} ms"
        f"   p95 {percentile(values, 0.95) * 1000:7.1f} ms"
    )


class Phone:
    def __init__(self, webhook: str) -> None:
        self.webhook = webhook
        self.number = f"+4477009{secrets.randbelow(10**5):05d}"
        self.http = requests.Session()
        self.validator = RequestValidator(DEV_TWILIO_AUTH_TOKEN)

    def text(self, body: str) -> tuple[float, list[str]]:
        params = {
            "MessageSid": "SM" + secrets.token_hex(16),
            "From": self.number,
            "To": "+447700900000",
            "Body": body,
        }
        headers = {"X-Twilio-Signature": self.validator.compute_signature(self.webhook, params)}
        started = time.perf_counter()
        answer = self.http.post(self.webhook, data=params, headers=headers, timeout=30)
        elapsed = time.perf_counter() - started
        if answer.status_code != 200:
            raise SystemExit(f"webhook failed: {answer.status_code} {answer.text[:200]}")
        return elapsed, [m.text or "" for m in ElementTree.fromstring(answer.content).iter("Message")]


def play(webhook: str, lang: str) -> list[tuple[float, list[str]]]:
    phone = Phone(webhook)
    return [phone.text(message) for message in SCRIPTS[lang]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=50, help="conversations per measurement")
    args = parser.parse_args()
    import sys

    sys.path.insert(0, str(ROOT))
    from portal.services.sms_format import cost

    with running_stack("sms", workers=2, threads=16, PUBLIC_URL="https://familyhelp.example.org") as stack:
        webhook = f"{stack.portal}/sms/twilio"
        langs = list(SCRIPTS)
        for lang in langs:  # warm-up
            play(webhook, lang)

        timings: dict[int, list[float]] = {}
        replies: dict[str, list[list[str]]] = defaultdict(list)
        for concurrent in (1, 10, 50):
            count = max(args.conversations, concurrent)
            print(f"==> {count} conversations, {concurrent} at once")
            with ThreadPoolExecutor(concurrent) as pool:
                played = list(pool.map(lambda i: (langs[i % 6], play(webhook, langs[i % 6])), range(count)))
            timings[concurrent] = [elapsed for _, turns in played for elapsed, _ in turns]
            if concurrent == 1:
                for lang, turns in played:
                    replies[lang] += [texts for _, texts in turns if texts]

        print()
        for concurrent, values in timings.items():
            print(figures(f"Webhook round trip, {concurrent} conversation(s) at once", values))
        print()
        print(f"{'language':<10}{'replies':>8}{'segments/reply':>16}{'segments/text':>15}{'texts/reply':>13}")
        every_reply: list[int] = []
        every_text: list[int] = []
        for lang in langs:
            per_reply = [sum(cost(text).segments for text in texts) for texts in replies[lang]]
            per_text = [cost(text).segments for texts in replies[lang] for text in texts]
            every_reply += per_reply
            every_text += per_text
            print(
                f"{lang:<10}{len(per_reply):>8}{statistics.mean(per_reply):>16.2f}"
                f"{statistics.mean(per_text):>15.2f}{len(per_text) / len(per_reply):>13.2f}"
            )
        mean_reply = statistics.mean(every_reply)
        print(
            f"{'all':<10}{len(every_reply):>8}{mean_reply:>16.2f}{statistics.mean(every_text):>15.2f}"
            f"{len(every_text) / len(every_reply):>13.2f}"
        )
        p95 = percentile(timings[50], 0.95)
        verdict = "met" if p95 <= 1 else "NOT met"
        print(f"Goal p95 <= 1 s at 50 conversations at once: {verdict} ({p95 * 1000:.0f} ms)")
        verdict = "met" if mean_reply <= 1.6 else "NOT met"
        print(f"Goal mean <= 1.6 segments per reply: {verdict} ({mean_reply:.2f})")


if __name__ == "__main__":
    main()
