"""Consent wordings as shown, written once by version and never changed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data.models import ConsentWordingKept
from portal.extensions import db


def find(version: str) -> ConsentWordingKept | None:
    return db.session.execute(select(ConsentWordingKept).filter_by(version=version)).scalar_one_or_none()


def keep(row: ConsentWordingKept) -> None:
    """Insert it unless that version is already kept (two at once: the first wins, same text)."""
    if find(row.version) is not None:
        return
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
