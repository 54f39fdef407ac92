"""Referrals and their consent records."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.data.models import ConsentRecord, Referral, ReferralAuditEvent, ReferralEntry, StaffUser
from portal.extensions import db


def by_submission_key(key: str) -> Referral | None:
    return db.session.execute(select(Referral).filter_by(submission_key=key)).scalar_one_or_none()


def by_reference(reference: str) -> Referral | None:
    return db.session.execute(select(Referral).filter_by(reference=reference)).scalar_one_or_none()


def reference_taken(reference: str) -> bool:
    return by_reference(reference) is not None


def add_with_consent(referral: Referral, consent: ConsentRecord) -> Referral:
    """Both or neither: one transaction."""
    try:
        db.session.add(referral)
        db.session.flush()
        consent.referral_id = referral.id
        db.session.add(consent)
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
    *, status: str | None, flagged_only: bool, need: str | None, area: str | None, lang: str | None
) -> list[Referral]:
    """Flagged referrals first, then newest first. Needs are filtered in Python: JSON
    containment differs between SQLite and PostgreSQL, and the queue is short."""
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
    return [r for r in referrals if need is None or need in (r.needs or [])]


def record_audit(referral: Referral, user: StaffUser | None, action: str) -> None:
    db.session.add(
        ReferralAuditEvent(referral_id=referral.id, user_id=user.id if user else None, action=action)
    )
    db.session.commit()


def audit_for(referral: Referral) -> list[tuple[ReferralAuditEvent, str | None]]:
    query = (
        select(ReferralAuditEvent, StaffUser.email)
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


def history(referral: Referral) -> list[tuple[ReferralEntry, str | None]]:
    query = (
        select(ReferralEntry, StaffUser.email)
        .outerjoin(StaffUser, StaffUser.id == ReferralEntry.user_id)
        .filter(ReferralEntry.referral_id == referral.id)
        .order_by(ReferralEntry.id)
    )
    return [(entry, email) for entry, email in db.session.execute(query)]


def entries_of(referral: Referral) -> list[ReferralEntry]:
    return list(db.session.execute(select(ReferralEntry).filter_by(referral_id=referral.id)).scalars())
