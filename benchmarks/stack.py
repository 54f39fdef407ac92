"""The whole product started for a benchmark: action server, Rasa, and the portal under
gunicorn (as in production) on a temporary SQLite database with the shipped content."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
MODEL = BOT / "models" / "family-help.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, what: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{what} did not start within {timeout:.0f} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(label: str, values: list[float], width: int = 46) -> str:
    return (
        f"{label:<{width}} n={len(values):<4} p50 {statistics.median(values) * 1000:7.1f} ms"
        f"   p95 {percentile(values, 0.95) * 1000:7.1f} ms"
    )


def _gunicorn(port: int, workers: int, threads: int, env: dict[str, str], log: Any) -> subprocess.Popen:
    """The portal as in production."""
    return subprocess.Popen(  # noqa: S603 — fixed command lines of our own, no outside input
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "portal:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


@dataclass
class Stack:
    portal: str
    rasa_port: int
    token: str
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)


@contextmanager
def running_stack(
    name: str, workers: int = 2, threads: int = 8, internal_threads: int = 0, **settings: Any
) -> Iterator[Stack]:
    """Start everything; stop it all afterwards. `settings` go to the portal's environment.

    With `internal_threads`, the action server calls a second portal instance kept for the
    internal API, so its calls never wait behind public requests that are themselves
    waiting for the assistant (docs/operations.md, scaling out).
    """
    if not MODEL.exists():
        raise SystemExit("No model: run `make model` first.")
    work = Path(tempfile.mkdtemp(prefix=f"fh-bench-{name}-"))
    token, service_token = secrets.token_hex(16), secrets.token_hex(16)
    rasa_port, action_port, portal_port = free_port(), free_port(), free_port()
    portal = f"http://127.0.0.1:{portal_port}"
    env = {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "FAMILYHELP_ENV": "test",
        "SECRET_KEY": secrets.token_hex(32),
        # One key for every portal process (each would otherwise make its own in test mode).
        "DATA_ENCRYPTION_KEY": Fernet.generate_key().decode("ascii"),
        "PHONE_HASH_KEY": secrets.token_hex(32),
        "RASA_TOKEN": token,
        "SERVICE_TOKEN": service_token,
        "RASA_URL": f"http://127.0.0.1:{rasa_port}",
        "PORTAL_URL": portal,
        "DATABASE_URL": f"sqlite:///{work / 'bench.db'}",
        "SEARCH_INDEX_DIR": str(work / "search_index"),
        "SANIC_HOST": "127.0.0.1",
        **{key: str(value) for key, value in settings.items()},
    }
    (work / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
    )
    internal_port = free_port()
    action_env = {**env, "PORTAL_URL": f"http://127.0.0.1:{internal_port}"} if internal_threads else env
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "portal"]
    print("==> Preparing a database and search index")
    for command in (["db", "upgrade"], ["content", "load"], ["search", "build"]):
        subprocess.run(  # noqa: S603 — fixed command lines of our own, no outside input
            flask + command,
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    log = (work / "servers.log").open("w")
    processes = [
        subprocess.Popen(  # noqa: S603 — fixed command lines of our own, no outside input
            [
                str(BOT / ".venv/bin/python"),
                "-m",
                "rasa_sdk",
                "--actions",
                "actions",
                "--port",
                str(action_port),
            ],
            cwd=BOT,
            env=action_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
        subprocess.Popen(  # noqa: S603 — fixed command lines of our own, no outside input
            [
                str(BOT / ".venv/bin/rasa"),
                "run",
                "--enable-api",
                "--auth-token",
                token,
                "--interface",
                "127.0.0.1",
                "--port",
                str(rasa_port),
                "--model",
                str(MODEL),
                "--endpoints",
                str(work / "endpoints.yml"),
                "--credentials",
                "credentials.yml",
            ],
            cwd=BOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
        _gunicorn(portal_port, workers, threads, env, log),
    ]
    if internal_threads:
        processes.append(_gunicorn(internal_port, 1, internal_threads, env, log))
    try:
        print("==> Starting the action server, Rasa and the portal (Rasa takes about 15 s)")
        wait_for(f"http://127.0.0.1:{action_port}/health", "action server")
        wait_for(f"http://127.0.0.1:{rasa_port}/", "Rasa server")
        wait_for(f"{portal}/healthz", "portal")
        yield Stack(portal, rasa_port, token, env, processes)
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
