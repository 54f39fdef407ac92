"""Referrals written straight to the database, with any age, for retention and subject access tests.

The consent wording check of `services.referrals.submit` is not what these tests are about,
and a referral seven years old cannot be made through it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone
from typing import Any

from portal.data.models import (
    ConsentRecord,
    Notification,
    Referral,
    ReferralAuditEvent,
    ReferralEntry,
    StaffUser,
)
from portal.extensions import db


def days_ago(days: float) -> datetime:
    return datetime.now(timezone.utc) - timedelta(days=days)


def staff_member(name: str = "Jo Worker") -> StaffUser:
    user = StaffUser(
        email=f"staff-{secrets.token_hex(4)}@council.example",
        name=name,
        role="worker",
        password_hash="not used",
        totp_secret="not used",
    )
    db.session.add(user)
    db.session.commit()
    return user


def add_referral(created_at: datetime, staff: StaffUser | None = None, **changes: Any) -> Referral:
    """A referral as the front door holds it: consent, a note from `staff`, a sent notification."""
    fields: dict[str, Any] = {
        "reference": f"EH-{secrets.token_hex(2).upper()}-{secrets.token_hex(2).upper()}",
        "submission_key": secrets.token_urlsafe(16),
        "status": "new",
        "lang": "pl",
        "channel": "web",
        "needs": ["housing", "money"],
        "children": [{"age_band": "5-11", "name": "Amy"}, {"age_band": "0-2"}],
        "own_words": "We have been given notice and I don't know where we'll go.",
        "contact": {
            "method": "text",
            "phone": "07700 900456",
            "email": "Sam.Family@Example.org",
            "times": "after 3pm",
            "safe_to_message": True,
        },
        "area": "East Wirral",
        "safeguarding_flag": True,
        "created_at": created_at,
    }
    fields.update(changes)
    referral = Referral(**fields)
    db.session.add(referral)
    db.session.flush()
    db.session.add(
        ConsentRecord(
            referral_id=referral.id,
            wording_version="a" * 64,
            lang="en",
            channel="web",
            share_with_front_door=True,
            share_with_partners=False,
            own_consent=True,
            created_at=created_at,
        )
    )
    user_id = staff.id if staff else None
    db.session.add(
        ReferralEntry(referral_id=referral.id, user_id=user_id, kind="note", text="Spoke to Sam about rent")
    )
    db.session.add(ReferralAuditEvent(referral_id=referral.id, user_id=user_id, action="note"))
    db.session.add(
        Notification(referral_id=referral.id, channel="email", event="new", sent_at=created_at, attempts=1)
    )
    db.session.commit()
    return referral
