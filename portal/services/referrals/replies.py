"""What the referral form shows: a text with its buttons, and what each button sends back.

Kept apart from the engine (form.py) so the steps table and the summary can build
buttons without importing the engine that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PREFIX = "/ref:"
START = "/ref:start"
SEND = "/ref:send"
STOP = "/ref:stop"
SKIP = "/ref:skip"
CHANGE = "/ref:change:"


@dataclass
class FormReply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def button(title: str, payload: str) -> dict[str, str]:
    return {"title": title, "payload": payload}


def choice(step: str, value: str, title: str) -> dict[str, str]:
    """A button that answers `step` with `value` (read back by the engine, whatever the language)."""
    return button(title, f"{PREFIX}{step}:{value}")
