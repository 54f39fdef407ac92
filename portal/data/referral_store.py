"""Referrals and their consent records."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.data.models import ConsentRecord, Referral
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
