"""Referrals are kept for the retention period, then anonymised.

After REFERRAL_RETENTION_DAYS (default 2557, about seven years) a referral
loses what identifies the family, by the same rule as a withdrawal
(`referral_redaction.redact`), and keeps what the council counts. Run daily by
`flask referrals anonymise`.

Each batch is one transaction: the redaction and its audit line are committed
together, so a crash loses at most the batch in hand and never leaves a
referral half redacted. Redacted referrals are skipped, so a second run (or a
run after a crash) simply carries on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from portal.data import referral_store
from portal.services.records.redaction import redact

# 250 keeps each transaction short and makes the progress count land on every 500th.
BATCH_SIZE = 250
AUDIT_ACTION = "anonymised"


@dataclass(frozen=True)
class RetentionResult:
    before: datetime  # referrals created before this were due
    due: int  # how many were due when the run started
    anonymised: int  # how many this run anonymised


def cutoff(days: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now(timezone.utc)) - timedelta(days=days)


def count_due(days: int, now: datetime | None = None) -> int:
    """How many referrals a run would anonymise now (for --dry-run and the progress line)."""
    return referral_store.count_due_for_retention(cutoff(days, now))


def anonymise_due(
    days: int,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    now: datetime | None = None,
) -> RetentionResult:
    """Anonymise every referral created more than `days` ago that still holds personal details.

    `progress` is called after each committed batch with the running total.
    """
    before = cutoff(days, now)
    due = referral_store.count_due_for_retention(before)
    if due == 0:
        return RetentionResult(before, 0, 0)
    done = 0
    last_id = 0
    while True:
        batch = referral_store.due_for_retention(before, last_id, batch_size)
        if not batch:
            break
        try:
            for referral in batch:
                redact(referral, "retention")
                referral_store.add_audit(referral, None, AUDIT_ACTION)
        except Exception:
            referral_store.rollback()  # the whole batch, so no referral is left half redacted
            raise
        referral_store.commit()
        done += len(batch)
        last_id = batch[-1].id
        if progress is not None:
            progress(done)
    return RetentionResult(before, due, done)
