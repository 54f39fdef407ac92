"""Under `make run` a process that stops is started again, and does not stop the others (#15.19)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

KEEP_RUNNING = PROJECT_ROOT / "scripts" / "keep-running"


def _procfile() -> dict[str, str]:
    lines = (PROJECT_ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


def test_every_background_process_is_kept_running() -> None:
    """honcho stops everything when one process exits: only the portal itself may run bare."""
    bare = [name for name, command in _procfile().items() if "keep-running" not in command]
    assert sorted(bare) == ["portal", "ready"]


def test_a_process_that_stops_is_started_again(tmp_path: Path) -> None:
    starts = tmp_path / "starts"
    env = {**os.environ, "KEEP_RUNNING_DELAY": "0.1"}
    script = f"echo started >> {starts}; exit 3"
    keeper = subprocess.Popen(
        [str(KEEP_RUNNING), "Notifier", "bash", "-c", script],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if starts.exists() and len(starts.read_text().splitlines()) >= 3:
                break
            time.sleep(0.05)
        assert starts.exists() and len(starts.read_text().splitlines()) >= 3
    finally:
        keeper.send_signal(signal.SIGTERM)
        output, _ = keeper.communicate(timeout=10)
    assert "Notifier stopped (exit 3); restarting it" in output
    assert keeper.returncode == 0  # stopping the keeper is a clean stop, not a crash
