"""The real Rasa server and action server as processes, and the portal served in a thread.

The fixtures that start them (`bot_stack`, `live_portal`) are in tests/e2e/conftest.py.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from flask import Flask

from tests.conftest import PROJECT_ROOT

BOT = PROJECT_ROOT / "bot"
MODEL = BOT / "models" / "family-help.tar.gz"
OUTBOX_FILE = "outbox.sqlite3"  # in the stack's logs directory, given to the action server


def wait_for_start(check: Callable[[], bool], timeout: float, what: str, process: subprocess.Popen) -> None:
    """Poll `check` until the server answers; fail at once if its process dies instead."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} while starting")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM the process group, SIGKILL if it has not gone in 20 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass(frozen=True)
class OutboxEntry:
    """The action server's record of one referral it is sending (bot/actions/outbox.py)."""

    attempts: int
    delivered: bool
    refused: str | None


@dataclass
class BotStack:
    rasa_url: str
    action_url: str
    token: str
    actions: subprocess.Popen
    logs: Path
    portal_url: str = ""
    service_token: str = ""
    rasa: subprocess.Popen | None = None
    action_env: dict[str, str] | None = None  # how the action server was started, to start it again

    @property
    def outbox_path(self) -> Path:
        """Where the action server keeps referrals it could not send yet (ACTION_OUTBOX_PATH)."""
        return self.logs / OUTBOX_FILE

    def outbox_entry(self, submission_key: str) -> OutboxEntry | None:
        """The outbox's row for one referral, read-only: the evidence of its retries."""
        if not self.outbox_path.exists():
            return None
        uri = f"file:{self.outbox_path}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=10)) as outbox:
            row = outbox.execute(
                "SELECT attempts, delivered_at, refused FROM outbox WHERE submission_key = ?",
                (submission_key,),
            ).fetchone()
        return None if row is None else OutboxEntry(int(row[0]), row[1] is not None, row[2])

    def start_rasa(self) -> None:
        endpoints = self.logs / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "{self.action_url}/webhook"\n')
        port = self.rasa_url.rsplit(":", 1)[1]
        self.rasa = subprocess.Popen(
            [
                str(BOT / ".venv/bin/rasa"),
                "run",
                "--enable-api",
                "--auth-token",
                self.token,
                "--interface",
                "127.0.0.1",
                "--port",
                port,
                "--model",
                str(MODEL),
                "--endpoints",
                str(endpoints),
                "--credentials",
                "credentials.yml",
            ],
            cwd=BOT,
            # RASA_TOKEN: the message webhooks (bot/channels) refuse anyone without it.
            env={**os.environ, "PYTHONWARNINGS": "ignore", "RASA_TOKEN": self.token},
            start_new_session=True,
            stdout=(self.logs / "rasa.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_for_start(
            lambda: requests.get(f"{self.rasa_url}/status", params={"token": self.token}, timeout=2).ok,
            120,
            "Rasa server",
            self.rasa,
        )

    def stop_rasa(self) -> None:
        if self.rasa is not None:
            stop(self.rasa)

    def kill_actions(self) -> None:
        """The action server dies at once (SIGKILL: no tidy shutdown), as in a crash."""
        with suppress(ProcessLookupError):
            os.killpg(self.actions.pid, signal.SIGKILL)
        self.actions.wait(timeout=10)

    def start_actions(self) -> None:
        port = self.action_url.rsplit(":", 1)[1]
        log = (self.logs / "actions.log").open("a")
        self.actions = subprocess.Popen(
            [str(BOT / ".venv/bin/python"), "-m", "rasa_sdk", "--actions", "actions", "--port", port],
            cwd=BOT,
            env=self.action_env or dict(os.environ),
            start_new_session=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_start(
            lambda: requests.get(f"{self.action_url}/health", timeout=1).ok, 60, "action server", self.actions
        )


class Served:
    """The portal app served over HTTP on a port, in a thread; can be stopped and started again."""

    def __init__(self, app: Flask, port: int) -> None:
        self.app = app
        self.port = port
        self.server: Any = None

    def start(self) -> None:
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class LivePortal:
    app: Flask
    url: str
    served: Served | None = None


def machine_address() -> str | None:
    """This machine's first non-loopback address, if it has one."""
    output = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return next((address for address in output if "." in address and not address.startswith("127.")), None)
