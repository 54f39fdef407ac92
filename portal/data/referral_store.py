"""Referrals and their consent records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from portal.data.models import (
    ConsentRecord,
    Notification,
    Referral,
    ReferralAuditEvent,
    ReferralEntry,
    StaffUser,
)
from portal.extensions import db


def by_submission_key(key: str) -> Referral | None:
    return db.session.execute(select(Referral).filter_by(submission_key=key)).scalar_one_or_none()


def by_reference(reference: str) -> Referral | None:
    return db.session.execute(select(Referral).filter_by(reference=reference)).scalar_one_or_none()


def reference_taken(reference: str) -> bool:
    return by_reference(reference) is not None


def add_with_consent(
    referral: Referral, consent: ConsentRecord, queue_notifications: Callable[[Referral], None]
) -> Referral:
    """The referral, its consent record and its notifications to the front door: all or none.

    This function owns the commit, so the caller passes what queues the notifications (it
    only adds rows to the session, once the referral has its id) and every way a referral is
    stored gets them in the same transaction. The argument is required: a referral stored
    without them would be one the front door is never told about.
    """
    try:
        db.session.add(referral)
        db.session.flush()
        consent.referral_id = referral.id
        db.session.add(consent)
        queue_notifications(referral)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return referral


def consent_for(referral: Referral) -> ConsentRecord | None:
    query = select(ConsentRecord).filter_by(referral_id=referral.id).order_by(ConsentRecord.id.desc())
    return db.session.execute(query).scalars().first()


def count() -> int:
    return int(db.session.execute(select(func.count()).select_from(Referral)).scalar_one())


def rollback() -> None:
    db.session.rollback()


def queue(
    *,
    status: str | None,
    flagged_only: bool,
    need: str | None,
    area: str | None,
    lang: str | None,
    age_band: str | None = None,
) -> list[Referral]:
    """Flagged referrals first, then newest first. Needs and children's age bands are
    filtered in Python: JSON containment differs between SQLite and PostgreSQL, and the
    queue is short."""
    query = select(Referral)
    if status:
        query = query.filter_by(status=status)
    if flagged_only:
        query = query.filter_by(safeguarding_flag=True)
    if area:
        query = query.filter_by(area=area)
    if lang:
        query = query.filter_by(lang=lang)
    query = query.order_by(Referral.safeguarding_flag.desc(), Referral.created_at.desc(), Referral.id.desc())
    referrals = list(db.session.execute(query.limit(500)).scalars())
    return [
        r
        for r in referrals
        if (need is None or need in (r.needs or []))
        and (age_band is None or age_band in {child.get("age_band") for child in r.children or []})
    ]


def record_audit(referral: Referral, user: StaffUser | None, action: str) -> None:
    db.session.add(
        ReferralAuditEvent(referral_id=referral.id, user_id=user.id if user else None, action=action)
    )
    db.session.commit()


def record_audits(referrals: list[Referral], user: StaffUser | None, action: str) -> None:
    """One audit line per referral in one commit (a list export can hold hundreds)."""
    db.session.add_all(
        ReferralAuditEvent(referral_id=r.id, user_id=user.id if user else None, action=action)
        for r in referrals
    )
    db.session.commit()


def staff_names(user_ids: set[int]) -> dict[int, str]:
    """Names of the staff a list of referrals is assigned to, in one query."""
    if not user_ids:
        return {}
    query = select(StaffUser.id, StaffUser.name).filter(StaffUser.id.in_(user_ids))
    return {user_id: name for user_id, name in db.session.execute(query)}


def audit_for(referral: Referral, by_name: bool = False) -> list[tuple[ReferralAuditEvent, str | None]]:
    """Each audit event with who did it: their login (staff pages) or their name (a subject
    access copy names people, not logins)."""
    query = (
        select(ReferralAuditEvent, StaffUser.name if by_name else StaffUser.email)
        .outerjoin(StaffUser, StaffUser.id == ReferralAuditEvent.user_id)
        .filter(ReferralAuditEvent.referral_id == referral.id)
        .order_by(ReferralAuditEvent.id)
    )
    return [(event, email) for event, email in db.session.execute(query)]


def add_entry(referral: Referral, user: StaffUser, kind: str, text: str) -> None:
    """A history entry and the audit line for the same change, in one commit."""
    db.session.add(ReferralEntry(referral_id=referral.id, user_id=user.id, kind=kind, text=text))
    db.session.add(ReferralAuditEvent(referral_id=referral.id, user_id=user.id, action=kind))
    db.session.commit()


def history(referral: Referral, by_name: bool = False) -> list[tuple[ReferralEntry, str | None]]:
    """History entries with who wrote them (login, or name: see audit_for)."""
    query = (
        select(ReferralEntry, StaffUser.name if by_name else StaffUser.email)
        .outerjoin(StaffUser, StaffUser.id == ReferralEntry.user_id)
        .filter(ReferralEntry.referral_id == referral.id)
        .order_by(ReferralEntry.id)
    )
    return [(entry, email) for entry, email in db.session.execute(query)]


def entries_of(referral: Referral) -> list[ReferralEntry]:
    return list(db.session.execute(select(ReferralEntry).filter_by(referral_id=referral.id)).scalars())


# Retention and subject access (issue 7).


def count_due_for_retention(before: datetime) -> int:
    """Referrals created before `before` that still hold a family's details."""
    query = (
        select(func.count())
        .select_from(Referral)
        .where(Referral.created_at < before, Referral.redacted_at.is_(None))
    )
    return int(db.session.execute(query).scalar_one())


def due_for_retention(before: datetime, after_id: int, limit: int) -> list[Referral]:
    """The next batch past `after_id`, locked (PostgreSQL) so a withdrawal at the same
    moment waits for the batch's commit instead of interleaving with it."""
    query = (
        select(Referral)
        .where(Referral.created_at < before, Referral.redacted_at.is_(None), Referral.id > after_id)
        .order_by(Referral.id)
        .limit(limit)
        .with_for_update()
    )
    return list(db.session.execute(query).scalars())


def add_audit(referral: Referral, user: StaffUser | None, action: str) -> None:
    """An audit line committed with the caller's other changes (see `commit`)."""
    db.session.add(
        ReferralAuditEvent(referral_id=referral.id, user_id=user.id if user else None, action=action)
    )


def commit() -> None:
    """Commit the caller's changes, or roll them all back and re-raise."""
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise


def contact_details() -> Iterator[tuple[int, dict[str, Any]]]:
    """(id, contact) of every referral still holding contact details, read in chunks.
    Phone numbers and emails are compared in Python: they are JSON and written freely."""
    query = (
        select(Referral.id, Referral.contact)
        .where(Referral.redacted_at.is_(None))
        .order_by(Referral.id)
        .execution_options(yield_per=500)
    )
    for referral_id, contact in db.session.execute(query):
        yield referral_id, contact or {}


def by_ids(ids: list[int]) -> list[Referral]:
    if not ids:
        return []
    query = select(Referral).where(Referral.id.in_(ids)).order_by(Referral.id)
    return list(db.session.execute(query).scalars())


def consents_of(referral: Referral) -> list[ConsentRecord]:
    query = select(ConsentRecord).filter_by(referral_id=referral.id).order_by(ConsentRecord.id)
    return list(db.session.execute(query).scalars())


def notifications_of(referral: Referral) -> list[Notification]:
    query = select(Notification).filter_by(referral_id=referral.id).order_by(Notification.id)
    return list(db.session.execute(query).scalars())


def latest_for_conversation(conversation_key: str) -> Referral | None:
    query = select(Referral).filter_by(conversation_key=conversation_key).order_by(Referral.id.desc())
    return db.session.execute(query).scalars().first()
