"""Staff accounts and their sign-in events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal.data.models import SigninThrottle, StaffAuthEvent, StaffUser, utcnow
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


def record_event(user: StaffUser | None, kind: str, address: str | None = None) -> None:
    """`address` is a keyed hash of the client's address (staff_auth.address_key), never the address."""
    db.session.add(StaffAuthEvent(user_id=user.id if user else None, kind=kind, address=address))
    db.session.commit()


def count_events_from(address: str, kinds: tuple[str, ...], since: datetime) -> int:
    """Events of these kinds from one (hashed) address since a time, across every instance."""
    query = (
        select(func.count())
        .select_from(StaffAuthEvent)
        .where(
            StaffAuthEvent.address == address,
            StaffAuthEvent.kind.in_(kinds),
            StaffAuthEvent.created_at >= since,
        )
    )
    return int(db.session.execute(query).scalar_one())


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


def throttle(key: str) -> SigninThrottle | None:
    return db.session.execute(select(SigninThrottle).filter_by(key=key)).scalar_one_or_none()


def count_failure(key: str) -> None:
    """One more failure, counted in SQL (UPDATE … failures + 1): two at once both count."""
    now = utcnow()
    changed = db.session.execute(
        update(SigninThrottle)
        .where(SigninThrottle.key == key)
        .values(failures=SigninThrottle.failures + 1, last_failure_at=now)
        .execution_options(synchronize_session=False)
    )
    if int(changed.rowcount or 0) == 0:  # type: ignore[attr-defined]
        db.session.add(SigninThrottle(key=key, failures=1, last_failure_at=now))
        try:
            db.session.commit()
            return
        except IntegrityError:  # the first failure twice at once: the other insert won
            db.session.rollback()
            return count_failure(key)
    db.session.commit()


def clear_failures(key: str) -> None:
    db.session.execute(
        update(SigninThrottle)
        .where(SigninThrottle.key == key)
        .values(failures=0)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
