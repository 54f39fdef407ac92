"""Start the real Rasa server and action server, as `make run` does."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

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
    rasa: subprocess.Popen
    actions: subprocess.Popen

    def stop_rasa(self) -> None:
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
    rasa_port, action_port = free_port(), free_port()
    logs = tmp_path_factory.mktemp("bot-logs")
    env = {**os.environ, "SANIC_HOST": "127.0.0.1"}
    actions = subprocess.Popen(
        [str(BOT / ".venv/bin/python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(action_port)],
        cwd=BOT,
        env=env,
        start_new_session=True,
        stdout=(logs / "actions.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    endpoints = logs / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    rasa = subprocess.Popen(
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
            str(endpoints),
            "--credentials",
            "credentials.yml",
        ],
        cwd=BOT,
        env=env,
        start_new_session=True,
        stdout=(logs / "rasa.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    stack = BotStack(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", token, rasa, actions)
    try:
        wait_until(
            lambda: requests.get(f"{stack.action_url}/health", timeout=1).ok, 60, "action server", actions
        )
        wait_until(
            lambda: requests.get(f"{stack.rasa_url}/status", params={"token": token}, timeout=2).ok,
            120,
            "Rasa server",
            rasa,
        )
        yield stack
    finally:
        stop(rasa)
        stop(actions)


def machine_address() -> str | None:
    """This machine's first non-loopback address, if it has one."""
    output = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return next((address for address in output if "." in address and not address.startswith("127.")), None)


__all__ = ["BotStack", "Path", "machine_address"]
