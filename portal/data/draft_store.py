"""Referral drafts: the family's answers while the assistant's form is under way."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete, func, select, update

from portal.data.models import HandoverRefusal, Referral, ReferralDraft, utcnow
from portal.extensions import db


def for_conversation(conversation_key: str) -> ReferralDraft | None:
    query = select(ReferralDraft).filter_by(conversation_key=conversation_key)
    return db.session.execute(query).scalar_one_or_none()


def by_submission_key(key: str) -> ReferralDraft | None:
    return db.session.execute(select(ReferralDraft).filter_by(submission_key=key)).scalar_one_or_none()


def start(conversation_key: str, step: str, answers: dict) -> ReferralDraft:
    """A fresh draft (an old one for this conversation is replaced)."""
    db.session.execute(delete(ReferralDraft).filter_by(conversation_key=conversation_key))
    draft = ReferralDraft(
        conversation_key=conversation_key,
        submission_key=secrets.token_urlsafe(24),
        step=step,
        answers=answers,
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def save(draft: ReferralDraft, step: str, answers: dict) -> None:
    draft.step = step
    draft.answers = dict(answers)  # a new object, so the JSON column is seen to change
    draft.updated_at = utcnow()
    db.session.commit()


def mark_submitted(draft: ReferralDraft) -> bool:
    """True the first time only, even for two clicks at the same moment (one UPDATE
    decides which of them sends)."""
    result = db.session.execute(
        update(ReferralDraft)
        .where(ReferralDraft.id == draft.id, ReferralDraft.submitted_at.is_(None))
        .values(submitted_at=utcnow(), step="sent")
    )
    db.session.commit()
    db.session.refresh(draft)
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


def reopen(draft: ReferralDraft) -> None:
    """The hand-over failed before anything was kept: back to "check your answers"."""
    draft.submitted_at = None
    draft.step = "check"
    db.session.commit()


def empty(draft: ReferralDraft) -> None:
    """Keep the key (to tell the family their reference later), drop the answers."""
    draft.answers = {}
    db.session.commit()


def forget(draft: ReferralDraft) -> None:
    """Delete it (already gone is fine: two requests may both finish with it)."""
    draft_id = draft.id
    db.session.expunge(draft)
    db.session.execute(delete(ReferralDraft).where(ReferralDraft.id == draft_id))
    db.session.commit()


def forget_conversation(conversation_key: str) -> None:
    """Delete the conversation's unsent draft. A sent one stays: the action server's outbox
    may still be handing it over, and deleting it then would lose the family's referral."""
    db.session.execute(
        delete(ReferralDraft).where(
            ReferralDraft.conversation_key == conversation_key, ReferralDraft.submitted_at.is_(None)
        )
    )
    db.session.commit()


def sent_not_arrived(before: datetime) -> int:
    """Drafts the family sent before `before` whose referral has not reached the portal: the
    action server's outbox is stuck, or the hand-over was lost. Someone must look."""
    arrived = select(Referral.submission_key)
    query = select(func.count(ReferralDraft.id)).where(
        ReferralDraft.submitted_at.is_not(None),
        ReferralDraft.submitted_at < before,
        ReferralDraft.submission_key.not_in(arrived),
    )
    return int(db.session.execute(query).scalar_one())


def purge_unsent(before: datetime) -> int:
    """Drafts abandoned before `before` (never submitted) go: nothing is kept without consent."""
    result = db.session.execute(
        delete(ReferralDraft).where(ReferralDraft.submitted_at.is_(None), ReferralDraft.updated_at < before)
    )
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def purge_delivered(before: datetime) -> int:
    """Sent drafts whose referral arrived before `before`: kept only to tell the family their
    reference, which no longer matters once the conversation itself is purged. A sent draft
    whose referral has not arrived is kept: the action server's outbox still needs it."""
    arrived = select(Referral.submission_key)
    result = db.session.execute(
        delete(ReferralDraft).where(
            ReferralDraft.submitted_at.is_not(None),
            ReferralDraft.submitted_at < before,
            ReferralDraft.submission_key.in_(arrived),
        )
    )
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def record_refused_handover(reason: str) -> None:
    db.session.add(HandoverRefusal(reason=reason[:32]))
    db.session.commit()


def refused_handovers_since(since: datetime) -> int:
    query = select(func.count(HandoverRefusal.id)).where(HandoverRefusal.at >= since)
    return int(db.session.execute(query).scalar_one())


def purge_refusals(before: datetime) -> int:
    result = db.session.execute(delete(HandoverRefusal).where(HandoverRefusal.at < before))
    db.session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
