"""The front door's queue: what each referral needs and how long is left on the
24-hour clock for a manager's decision (the council's rule; the hours come from content)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from portal.data import referral_store
from portal.data.models import Referral, as_utc
from portal.services.content.contacts import current_contacts

DEFAULT_DECISION_HOURS = 24


@dataclass(frozen=True)
class QueueRow:
    referral: Referral
    hours_left: int  # negative: overdue

    @property
    def clock(self) -> str:
        if self.hours_left < 0:
            return f"overdue by {-self.hours_left} h"
        return f"{self.hours_left} h left"


def decision_hours() -> int:
    front_door = current_contacts().get("front_door")
    return (front_door.response_hours if front_door else None) or DEFAULT_DECISION_HOURS


def hours_left(referral: Referral, now: datetime | None = None) -> int:
    now = now or datetime.now(timezone.utc)
    return decision_hours() - int((now - as_utc(referral.created_at)).total_seconds() // 3600)


def rows(
    *,
    status: str | None,
    flagged_only: bool,
    need: str | None,
    area: str | None,
    lang: str | None,
    age_band: str | None = None,
) -> list[QueueRow]:
    """The queue page and its CSV share this, so a download holds exactly what was on screen."""
    referrals = referral_store.queue(
        status=status, flagged_only=flagged_only, need=need, area=area, lang=lang, age_band=age_band
    )
    return [QueueRow(referral, hours_left(referral)) for referral in referrals]
