"""Notifications owed to the front door: queued, claimed, marked sent or failed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select, update

from portal.data.models import Notification, Referral, utcnow
from portal.extensions import db


def add(notification: Notification) -> None:
    """Add without committing: the caller's transaction carries it with the change it reports."""
    db.session.add(notification)


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now)


def claim_next(now: datetime, lease_until: datetime, skip_channels: Collection[str]) -> Notification | None:
    """The next due notification (safeguarding-flagged referrals first), leased until `lease_until`.

    The lease is a compare-and-set on next_attempt_at, so two workers never take the same
    row (on SQLite as on PostgreSQL), and a worker that dies mid-send only delays the row.
    """
    query = (
        select(Notification.id, Notification.next_attempt_at)
        .join(Referral, Referral.id == Notification.referral_id)
        .where(Notification.sent_at.is_(None), _due(now))
        .order_by(Referral.safeguarding_flag.desc(), Notification.next_attempt_at, Notification.id)
        .limit(1)
    )
    if skip_channels:
        query = query.where(Notification.channel.not_in(list(skip_channels)))
    for _ in range(10):  # another worker may win each race; give up the pass after a few
        candidate = db.session.execute(query).first()
        if candidate is None:
            db.session.rollback()
            return None
        was = candidate.next_attempt_at
        claimed = db.session.execute(
            update(Notification)
            .where(
                Notification.id == candidate.id,
                Notification.sent_at.is_(None),
                Notification.next_attempt_at.is_(None)
                if was is None
                else Notification.next_attempt_at == was,
            )
            .values(next_attempt_at=lease_until)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        if claimed.rowcount == 1:  # type: ignore[attr-defined]
            return db.session.get(Notification, candidate.id)
    return None


def referral_of(notification: Notification) -> Referral | None:
    return db.session.get(Referral, notification.referral_id)


def mark_sent(notification: Notification) -> None:
    notification.attempts = (notification.attempts or 0) + 1
    notification.sent_at = utcnow()
    notification.last_error = None
    notification.next_attempt_at = None
    db.session.commit()


def mark_failed(notification: Notification, error: str, retry_at: datetime) -> None:
    notification.attempts = (notification.attempts or 0) + 1
    notification.last_error = error[:255]
    notification.next_attempt_at = retry_at
    db.session.commit()


def make_due(now: datetime) -> int:
    """Every unsent notification due now (after the cause of failures was fixed); how many."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.sent_at.is_(None))
        .values(next_attempt_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


def count_unsent() -> int:
    query = select(func.count()).select_from(Notification).where(Notification.sent_at.is_(None))
    return int(db.session.execute(query).scalar_one())


def unsent() -> list[tuple[Notification, str]]:
    """Every unsent notification with its referral's reference, oldest first."""
    query = (
        select(Notification, Referral.reference)
        .join(Referral, Referral.id == Notification.referral_id)
        .where(Notification.sent_at.is_(None))
        .order_by(Notification.created_at, Notification.id)
    )
    return [(notification, reference) for notification, reference in db.session.execute(query)]


def for_referral(referral: Referral) -> list[Notification]:
    query = select(Notification).filter_by(referral_id=referral.id).order_by(Notification.id)
    return list(db.session.execute(query).scalars())


def rollback() -> None:
    db.session.rollback()
