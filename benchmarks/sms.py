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
import random
import secrets
import statistics
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import requests
from stack import ROOT, figures, percentile, running_stack
from twilio.request_validator import RequestValidator

DEV_TWILIO_AUTH_TOKEN = "dev-twilio-auth-token"  # what FAMILYHELP_ENV=test uses (portal/config.py)  # noqa: S105 — the documented development token, never a real secret
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
        return elapsed, [m.text or "" for m in ElementTree.fromstring(answer.content).iter("Message")]  # noqa: S314 — our own portal's TwiML answer in a local benchmark


def play(webhook: str, lang: str, pause: float = 0.0) -> list[tuple[float, list[str]]]:
    """One conversation. With `pause`, it starts at a random moment within the first `pause`
    seconds and waits 0.5 to 1.5 times `pause` between a reply and its next text (a person
    reading and typing takes far longer); with 0, every conversation has a request in flight
    at all times (a stress test, not a model of people)."""
    phone = Phone(webhook)
    chance = random.Random(phone.number)  # noqa: S311 — a random test phone number, not a secret
    if pause:
        time.sleep(chance.uniform(0, pause))
    turns = []
    for message in SCRIPTS[lang]:
        turns.append(phone.text(message))
        if pause:
            time.sleep(chance.uniform(0.5, 1.5) * pause)
    return turns


def fresh_schema(server_url: str) -> str:
    """An empty PostgreSQL schema for this run (the URL's search_path points at it)."""
    from sqlalchemy import create_engine, text

    schema = f"fh_bench_{secrets.token_hex(6)}"
    engine = create_engine(server_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{server_url}{'&' if '?' in server_url else '?'}options=-csearch_path%3D{schema}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=50, help="conversations per measurement")
    parser.add_argument(
        "--database-url", default="", help="a PostgreSQL URL to run the portal on (default: SQLite, embedded)"
    )
    parser.add_argument(
        "--pause", type=float, default=3.0, help="seconds between a reply and the next text, at 50 at once"
    )
    parser.add_argument(
        "--shared-internal-api",
        action="store_true",
        help="let the action server call the public portal workers (no separate internal instance)",
    )
    args = parser.parse_args()
    import sys

    sys.path.insert(0, str(ROOT))
    from portal.services.delivery.segments import cost

    settings = {"PUBLIC_URL": "https://familyhelp.example.org"}
    if args.database_url:
        settings["DATABASE_URL"] = fresh_schema(args.database_url)
    print(f"Database: {'PostgreSQL' if args.database_url else 'SQLite'}")
    internal = 0 if args.shared_internal_api else 16
    print(
        "Internal API: "
        + ("served by the public workers" if not internal else "its own instance (16 threads)")
    )
    with running_stack("sms", workers=2, threads=16, internal_threads=internal, **settings) as stack:
        webhook = f"{stack.portal}/sms/twilio"
        langs = list(SCRIPTS)
        for lang in langs:  # warm-up
            play(webhook, lang)

        timings: dict[tuple[int, float], list[float]] = {}
        replies: dict[str, list[list[str]]] = defaultdict(list)
        for concurrent, pause in ((1, 0.0), (10, 0.0), (50, args.pause), (50, 0.0)):
            count = max(args.conversations, concurrent)
            print(
                f"==> {count} conversations, {concurrent} at once, {pause:g} s from a reply to the next text"
            )
            with ThreadPoolExecutor(concurrent) as pool:
                played = list(
                    pool.map(lambda i, p=pause: (langs[i % 6], play(webhook, langs[i % 6], p)), range(count))
                )
            timings[(concurrent, pause)] = [elapsed for _, turns in played for elapsed, _ in turns]
            if concurrent == 1:
                for lang, turns in played:
                    replies[lang] += [texts for _, texts in turns if texts]

        print()
        for (concurrent, pause), values in timings.items():
            print(figures(f"Round trip, {concurrent} at once, next text after {pause:g} s", values))
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
        for pause in (args.pause, 0.0):
            p95 = percentile(timings[(50, pause)], 0.95)
            verdict = "met" if p95 <= 1 else "NOT met"
            print(
                f"Goal p95 <= 1 s at 50 conversations at once (next text after {pause:g} s):"
                f" {verdict} ({p95 * 1000:.0f} ms)"
            )
        verdict = "met" if mean_reply <= 1.6 else "NOT met"
        print(f"Goal mean <= 1.6 segments per reply: {verdict} ({mean_reply:.2f})")


if __name__ == "__main__":
    main()
