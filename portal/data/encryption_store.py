"""Rewriting the rows of the tables with encrypted columns (data/encrypted.py), in batches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from portal.data.models import Referral, ReferralDraft, StaffUser
from portal.extensions import db

ENCRYPTED: dict[str, tuple[Any, tuple[str, ...]]] = {
    "referral": (Referral, ("children", "own_words", "contact")),
    "referral_draft": (ReferralDraft, ("answers",)),
    "staff_user": (StaffUser, ("totp_secret",)),
}
BATCH = 200


def rewrite(table: str, progress: Callable[[str, int], None] | None = None) -> int:
    """Read and write back every row: each value is encrypted again under the current key."""
    model, columns = ENCRYPTED[table]
    done, last_id = 0, 0
    while True:
        rows = list(
            db.session.execute(
                select(model).where(model.id > last_id).order_by(model.id).limit(BATCH)
            ).scalars()
        )
        if not rows:
            return done
        for row in rows:
            for column in columns:
                flag_modified(row, column)
        db.session.commit()
        done += len(rows)
        last_id = rows[-1].id
        if progress is not None:
            progress(table, done)
