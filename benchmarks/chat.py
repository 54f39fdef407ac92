"""Chat benchmark: turn latency through /api/chat with the real Rasa and action server.

    .venv/bin/python benchmarks/chat.py [--conversations 20] [--concurrent 10] [--train]

Starts the action server, the Rasa server and the portal (gunicorn, as in
production, on a temporary SQLite database with the shipped content), then
plays scripted conversations in six languages: one at a time, and N at
once. Prints turn latency p50/p95 for each, Rasa's NLU parse time (its
/model/parse), and, with --train, the time to train the model from scratch.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from stack import BOT, MODEL, percentile, running_stack
from stack import figures as _figures

SCRIPTS = {
    "en": [
        "hi",
        "my son won't go to school and we argue every morning",
        "he's 13",
        '/inform_area{"area":"any"}',
        "/deny",
        "/affirm",
    ],
    "pl": [
        "cześć",
        "nie mamy pieniędzy na jedzenie",
        "ma 4 lata",
        '/inform_area{"area":"North Wirral"}',
        "/affirm",
        "dziękuję",
    ],
    "ar": [
        "مرحبا",
        "المالك يريد طردنا من البيت",
        "عمرها 9 سنوات",
        '/inform_area{"area":"any"}',
        "/deny",
        "/affirm",
    ],
    "uk": [
        "привіт",
        "дитина погано спить і постійно плаче",
        "йому 1 рік",
        '/inform_area{"area":"East Wirral"}',
        "/affirm",
        "дякую",
    ],
    "ro": [
        "buna",
        "fiica mea e foarte anxioasa si nu mai doarme",
        "are 15 ani",
        '/inform_area{"area":"any"}',
        "/deny",
        "/affirm",
    ],
    "zh": ["你好", "我们交不起房租了", "孩子7岁", '/inform_area{"area":"West Wirral"}', "/affirm", "谢谢"],
}
PARSE_MESSAGES = [message for script in SCRIPTS.values() for message in script if not message.startswith("/")]


def figures(label: str, values: list[float]) -> str:
    return _figures(label, values, width=44)


def cpu_seconds(group: int) -> float:
    """CPU time used so far by every process in a process group (Linux /proc)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # field 5 of stat: the process group id
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return total


def play(portal: str, lang: str) -> list[float]:
    session, timings = secrets.token_urlsafe(18), []
    http = requests.Session()
    for message in SCRIPTS[lang]:
        started = time.perf_counter()
        response = http.post(
            f"{portal}/api/chat", json={"session": session, "message": message, "lang": lang}, timeout=30
        )
        timings.append(time.perf_counter() - started)
        if response.status_code != 200 or not response.json().get("assistant_available", True):
            raise SystemExit(f"turn failed: {response.status_code} {response.text[:200]}")
    return timings


def train_time() -> float:
    out = Path(tempfile.mkdtemp(prefix="fh-train-"))
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 — a fixed command line of our own, no outside input
        [
            str(BOT / ".venv/bin/rasa"),
            "train",
            "--quiet",
            "--force",
            "--domain",
            "domain",
            "--data",
            "data",
            "--config",
            "config.yml",
            "--out",
            str(out),
            "--fixed-model-name",
            "bench",
        ],
        cwd=BOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=24, help="conversations per measurement")
    parser.add_argument("--concurrent", type=int, default=10, help="conversations at once")
    parser.add_argument("--train", action="store_true", help="also time training the model from scratch")
    args = parser.parse_args()
    if not MODEL.exists():
        raise SystemExit("No model: run `make model` first (make bench-chat does).")

    with running_stack("chat") as stack:
        portal, rasa_port, token, processes = stack.portal, stack.rasa_port, stack.token, stack.processes
        langs = list(SCRIPTS)
        for lang in langs:  # warm-up: one conversation per language
            play(portal, lang)

        print(f"==> NLU parse time ({len(PARSE_MESSAGES)} messages x 5)")
        parse = []
        for _ in range(5):
            for message in PARSE_MESSAGES:
                started = time.perf_counter()
                requests.post(
                    f"http://127.0.0.1:{rasa_port}/model/parse",
                    params={"token": token},
                    json={"text": message},
                    timeout=10,
                )
                parse.append(time.perf_counter() - started)

        print(f"==> {args.conversations} conversations one at a time")
        sequential = [t for i in range(args.conversations) for t in play(portal, langs[i % len(langs)])]
        print(f"==> {args.conversations} conversations, {args.concurrent} at once")
        names = ("action server", "Rasa", "portal")
        cpu_before = [cpu_seconds(process.pid) for process in processes]
        with ThreadPoolExecutor(args.concurrent) as pool:
            results = pool.map(lambda i: play(portal, langs[i % len(langs)]), range(args.conversations))
            by_conversation = list(results)
            concurrent = [t for timings in by_conversation for t in timings]
        cpu_used = [
            cpu_seconds(process.pid) - before for process, before in zip(processes, cpu_before, strict=True)
        ]

        print()
        print(figures("NLU parse (Rasa /model/parse)", parse))
        print(figures("Turn via /api/chat, one conversation at a time", sequential))
        print(figures(f"Turn via /api/chat, {args.concurrent} conversations at once", concurrent))
        per_turn = ", ".join(
            f"{name} {used / len(concurrent) * 1000:.1f} ms"
            for name, used in zip(names, cpu_used, strict=True)
        )
        print(
            f"CPU per turn while {args.concurrent} at once: {per_turn}"
            f" (this machine has {os.cpu_count()} cores)"
        )
        steps = ("hello", "the worry", "child's age", "area + signposts", "did it help", "last")
        for position, step in enumerate(steps):
            print(
                figures(
                    f"  {args.concurrent} at once, turn {position + 1} ({step})",
                    [t[position] for t in by_conversation],
                )
            )
        goal = percentile(concurrent, 0.95) * 1000
        print(
            f"Goal p95 <= 300 ms per turn: {'met' if goal <= 300 else 'NOT met'}"
            f" at {args.concurrent} at once ({goal:.0f} ms)"
        )
        if args.train:
            print("==> Training the model from scratch")
            print(f"Model training time: {train_time():.1f} s")


if __name__ == "__main__":
    main()
