""" "Check your answers": every step that applies, as its table entry shows it, each with
a Change button, then Send.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale, gettext

from portal.services.referrals.replies import CHANGE, SEND, STOP, FormReply, button
from portal.services.referrals.steps import applicable


def summary_lines(answers: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """(step, label, answer) for "check your answers" (called under the family's locale)."""
    return [
        (step.key, str(step.label), step.show(answers.get(step.key), lang)) for step in applicable(answers)
    ]


def check_answers(answers: dict[str, Any], lang: str) -> FormReply:
    with force_locale(lang):
        lines = summary_lines(answers, lang)
        text = "\n".join(
            [
                gettext("Please check your answers:"),
                *(f"• {label}: {value}" for _, label, value in lines),
                gettext("Send this to the Early Help front door?"),
            ]
        )
        changeable = {step.key for step in applicable(answers) if step.changeable}
        changes = [
            button(gettext("Change: %(what)s", what=label), f"{CHANGE}{key}")
            for key, label, _ in lines
            if key in changeable
        ]
        return FormReply(
            text,
            # Not just "Send": the chat page's own button for a typed message is "Send".
            [
                button(gettext("Send my request"), SEND),
                *changes,
                button(gettext("Stop and delete my answers"), STOP),
            ],
        )
