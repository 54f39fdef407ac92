"""Conversations are kept for days, not years.

Rasa's tracker store holds the transcripts; the portal holds a row per
conversation, and a row per phone number that texted. `flask chat purge` (and the
housekeeping process, hourly) removes them once quiet for CHAT_RETENTION_DAYS
(default 7); a number that texted STOP keeps only that fact. Safeguarding events hold nothing
personal and are kept for the service's statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, text

from portal.data import chat_store, draft_store, sms_store


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    transcripts: int | None  # None: no tracker store configured (in memory)
    drafts: int = 0
    sms_contacts: int = 0


def purge_transcripts(tracker_store_url: str, before: datetime) -> int:
    """Delete every event of each Rasa conversation whose latest event is older than `before`.

    Rasa's SQLTrackerStore keeps one `events` table (sender_id, timestamp as Unix seconds, ...).
    """
    engine = create_engine(tracker_store_url)
    try:
        with engine.begin() as connection:
            result = connection.execute(
                text(
                    "DELETE FROM events WHERE sender_id IN ("
                    " SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
                ),
                {"cutoff": before.timestamp()},
            )
            return int(result.rowcount or 0)
    finally:
        engine.dispose()


def purge(
    days: int, tracker_store_url: str | None, now: datetime | None = None, draft_hours: int = 24
) -> PurgeResult:
    """Old conversations and their transcripts; and referral forms abandoned for
    `draft_hours` (never sent, so never agreed to: nothing is kept without consent)."""
    now = now or datetime.now(timezone.utc)
    before = now - timedelta(days=days)
    transcripts = purge_transcripts(tracker_store_url, before) if tracker_store_url else None
    unsent = draft_store.purge_unsent(now - timedelta(hours=draft_hours))
    drafts = unsent + draft_store.purge_delivered(before)
    sms_store.purge(before)  # answered MessageSids and spent continuation codes
    draft_store.purge_refusals(before)  # counts of refused hand-overs, kept for operators a while
    contacts = sms_store.purge_contacts(before)  # quiet numbers; a STOP is kept
    return PurgeResult(chat_store.purge_conversations(before), transcripts, drafts, contacts)
