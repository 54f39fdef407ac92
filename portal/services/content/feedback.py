"""Store 'Was this helpful?' answers without personal data."""

from __future__ import annotations

import re

from portal.data import feedback_store

COMMENT_LIMIT = 500
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


class FeedbackProblem(ValueError):
    """Why an answer could not be stored: 'choose' or 'too_long'."""


def clean_comment(comment: str) -> str:
    """Plain text only: markup removed, control characters and runs of space collapsed."""
    text = _TAG.sub(" ", comment)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return _SPACE.sub(" ", text).strip()


def record_feedback(kind: str, slug: str, lang: str, helpful: str | None, comment: str) -> None:
    if helpful not in ("yes", "no"):
        raise FeedbackProblem("choose")
    text = clean_comment(comment)
    if len(text) > COMMENT_LIMIT:
        raise FeedbackProblem("too_long")
    feedback_store.add_feedback(kind, slug, lang, helpful == "yes", text)
