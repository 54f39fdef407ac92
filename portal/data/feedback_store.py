"""Writes and reads of "Was this helpful?" answers."""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import Feedback
from portal.extensions import db


def add_feedback(kind: str, slug: str, lang: str, helpful: bool, comment: str) -> None:
    db.session.add(Feedback(kind=kind, slug=slug, lang=lang, helpful=helpful, comment=comment))
    db.session.commit()


def all_feedback() -> list[Feedback]:
    return list(db.session.scalars(select(Feedback).order_by(Feedback.id)))
