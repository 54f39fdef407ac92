"""Staff accounts and their sign-in events."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.data.models import StaffAuthEvent, StaffUser
from portal.extensions import db


def find_by_email(email: str) -> StaffUser | None:
    query = select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    return db.session.execute(query).scalar_one_or_none()


def get(user_id: int) -> StaffUser | None:
    return db.session.get(StaffUser, user_id)


def add(user: StaffUser) -> StaffUser:
    db.session.add(user)
    db.session.commit()
    return user


def save() -> None:
    db.session.commit()


def record_event(user: StaffUser | None, kind: str) -> None:
    db.session.add(StaffAuthEvent(user_id=user.id if user else None, kind=kind))
    db.session.commit()


def events_for(user: StaffUser) -> list[StaffAuthEvent]:
    query = select(StaffAuthEvent).filter_by(user_id=user.id).order_by(StaffAuthEvent.id)
    return list(db.session.execute(query).scalars())


def recent_events(limit: int = 200) -> list[tuple[StaffAuthEvent, str | None]]:
    """The latest sign-in events, newest first, with the account's email when known."""
    query = (
        select(StaffAuthEvent, StaffUser.email)
        .outerjoin(StaffUser, StaffUser.id == StaffAuthEvent.user_id)
        .order_by(StaffAuthEvent.id.desc())
        .limit(limit)
    )
    return [(event, email) for event, email in db.session.execute(query)]
