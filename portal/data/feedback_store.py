"""Writes and reads of "Was this helpful?" answers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from portal.data.models import Feedback
from portal.extensions import db


def add_feedback(kind: str, slug: str, lang: str, helpful: bool, comment: str) -> None:
    db.session.add(Feedback(kind=kind, slug=slug, lang=lang, helpful=helpful, comment=comment))
    db.session.commit()


def all_feedback() -> list[Feedback]:
    return list(db.session.scalars(select(Feedback).order_by(Feedback.id)))


def clear_comments(before: date) -> int:
    """Comments (free text, so possibly personal) go after the retention period; the yes/no
    answers stay for the editors' figures."""
    result = db.session.execute(
        update(Feedback).where(Feedback.created_on < before, Feedback.comment != "").values(comment="")
    )
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
