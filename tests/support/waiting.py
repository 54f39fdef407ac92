"""Bounded waits: poll for the evidence instead of sleeping a fixed time and hoping."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float, interval: float = 0.1, what: str = "") -> T:
    """Call `condition` until it returns something truthy, and return that; fail after `timeout` s.

    The failure names what was awaited and the last value seen, so a slow machine and
    a real bug read differently.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            name = what or getattr(condition, "__name__", "condition")
            raise AssertionError(f"gave up after {timeout:g} s waiting for {name} (last: {value!r})")
        time.sleep(interval)
