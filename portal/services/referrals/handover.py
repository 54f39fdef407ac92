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


def stuck_count() -> int:
    return draft_store.sent_not_arrived(utcnow() - STUCK_AFTER)
