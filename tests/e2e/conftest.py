"""Start the real Rasa server and action server, as `make run` does."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask

from tests.conftest import PROJECT_ROOT

BOT = PROJECT_ROOT / "bot"
MODEL = BOT / "models" / "family-help.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check, timeout: float, what: str, process: subprocess.Popen) -> None:
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
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
            start_new_session=True,
            stdout=(self.logs / "rasa.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_until(
            lambda: requests.get(f"{self.rasa_url}/status", params={"token": self.token}, timeout=2).ok,
            120,
            "Rasa server",
            self.rasa,
        )

    def stop_rasa(self) -> None:
        if self.rasa is not None:
            stop(self.rasa)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def bot_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotStack]:
    assert MODEL.exists(), f"{MODEL} is missing: run `make model` (make test does)"
    token = secrets.token_hex(16)
    rasa_port, action_port, portal_port = free_port(), free_port(), free_port()
    # The portal the actions call is started by the `live_portal` fixture on this port.
    portal_url, service_token = f"http://127.0.0.1:{portal_port}", secrets.token_hex(16)
    logs = tmp_path_factory.mktemp("bot-logs")
    env = {
        **os.environ,
        "SANIC_HOST": "127.0.0.1",
        "PYTHONWARNINGS": "ignore",
        "PORTAL_URL": portal_url,
        "SERVICE_TOKEN": service_token,
        # The referral outbox: its own file, and a quick retry so a test need not wait long.
        "ACTION_OUTBOX_PATH": str(logs / "outbox.sqlite3"),
        "OUTBOX_RETRY_SECONDS": "1",
    }
    actions = subprocess.Popen(
        [str(BOT / ".venv/bin/python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        cwd=BOT,
        env=env,
        start_new_session=True,
        stdout=(logs / "actions.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    stack = BotStack(
        f"http://127.0.0.1:{rasa_port}",
        f"http://127.0.0.1:{action_port}",
        token,
        actions,
        logs,
        portal_url=portal_url,
        service_token=service_token,
    )
    try:
        wait_until(
            lambda: requests.get(f"{stack.action_url}/health", timeout=1).ok, 60, "action server", actions
        )
        stack.start_rasa()
        yield stack
    finally:
        stack.stop_rasa()
        stop(actions)


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


@pytest.fixture(scope="session")
def live_portal(bot_stack: BotStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivePortal]:
    """The whole product running: the portal served over HTTP (the action server
    calls its internal API), pointed at the real Rasa, on its own SQLite database."""
    from flask_migrate import upgrade

    from portal.services.content.loader import load_content
    from portal.services.safeguarding import classifier
    from portal.services.search.build import rebuild_search_index
    from tests.conftest import make_test_app, new_database

    tmp_path = tmp_path_factory.mktemp("live-portal")
    with new_database("sqlite", tmp_path) as url:
        app = make_test_app(
            url,
            tmp_path,
            RASA_URL=bot_stack.rasa_url,
            RASA_TOKEN=bot_stack.token,
            ACTION_SERVER_URL=bot_stack.action_url,
            SERVICE_TOKEN=bot_stack.service_token,
            PUBLIC_URL=bot_stack.portal_url,
        )
        with app.app_context():
            upgrade()
            load_content(app.config["CONTENT_DIR"])
            rebuild_search_index(app.config["SEARCH_INDEX_DIR"])
        classifier.model()  # loaded (or trained) before the first family writes, as `make run` does
        served = Served(app, int(bot_stack.portal_url.rsplit(":", 1)[1]))
        served.start()
        try:
            yield LivePortal(app, bot_stack.portal_url, served)
        finally:
            served.stop()


def machine_address() -> str | None:
    """This machine's first non-loopback address, if it has one."""
    output = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return next((address for address in output if "." in address and not address.startswith("127.")), None)


__all__ = ["BotStack", "LivePortal", "Path", "Served", "free_port", "machine_address"]
