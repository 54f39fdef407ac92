"""Every retention rule, run on a schedule rather than left to someone remembering.

`flask records housekeeping --every 3600` (the `housekeeping` process under make run)
runs this hourly: old conversations and transcripts, unsent forms, quiet phone numbers,
feedback comments and unanswered searches past their periods, referrals past theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from portal.data import feedback_store, search_store
from portal.services.records import chat_retention, referral_retention


@dataclass(frozen=True)
class Housekept:
    chats: chat_retention.PurgeResult
    feedback_comments: int
    search_misses: int
    referrals_anonymised: int

    def __str__(self) -> str:
        chats = self.chats
        return (
            f"{chats.conversations} conversations, {chats.transcripts or 0} transcript events, "
            f"{chats.drafts} referral forms, {chats.sms_contacts} phone numbers, "
            f"{self.feedback_comments} feedback comments, {self.search_misses} searches removed; "
            f"{self.referrals_anonymised} referrals anonymised"
        )


def run(config: Mapping[str, Any], now: datetime | None = None) -> Housekept:
    now = now or datetime.now(timezone.utc)
    today = now.date() if isinstance(now, datetime) else date.today()
    chats = chat_retention.purge(
        int(config["CHAT_RETENTION_DAYS"]),
        config.get("RASA_TRACKER_STORE_URL") or None,
        now=now,
        draft_hours=int(config["REFERRAL_DRAFT_HOURS"]),
    )
    comments = feedback_store.clear_comments(today - timedelta(days=int(config["FEEDBACK_COMMENT_DAYS"])))
    misses = search_store.purge_misses(today - timedelta(days=int(config["SEARCH_MISS_DAYS"])))
    anonymised = referral_retention.anonymise_due(int(config["REFERRAL_RETENTION_DAYS"]), now=now)
    return Housekept(chats, comments, misses, anonymised.anonymised)
