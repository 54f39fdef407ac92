"""Referrals a family sent that have not reached the portal: the alarm for a lost hand-over.

The family pressed Send; the action server keeps the key in its outbox and offers it until
the portal takes it. A draft still waiting after STUCK_AFTER means the outbox is stuck or
the hand-over was lost, and the family has been promised something: /healthz and
`flask notifications status` say so.
"""

from __future__ import annotations

from datetime import timedelta

from portal.data import draft_store
from portal.data.models import utcnow

STUCK_AFTER = timedelta(minutes=10)
REFUSED_WINDOW = timedelta(hours=24)


def stuck_count() -> int:
    return draft_store.sent_not_arrived(utcnow() - STUCK_AFTER)


def refused(reason: str) -> None:
    """The portal refused a hand-over: the outbox will not offer it again, so it is counted."""
    draft_store.record_refused_handover(reason)


def refused_lately() -> int:
    return draft_store.refused_handovers_since(utcnow() - REFUSED_WINDOW)
