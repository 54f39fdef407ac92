"""Referrals made through the real submit service, as a family's finished form makes them.

(tests/support/stored_referrals.py writes them straight to the database instead, for
referrals of any age.)
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import Flask

from portal.data import chat_store
from portal.services.referrals import submit as referrals
from portal.services.referrals.consent import wording

REFERENCE = re.compile(r"EH-[A-Z0-9]{3}-[A-Z0-9]{3}")


def make_referral(app: Flask, flagged: bool = False, **changes: Any) -> str:
    """A consented referral from a Polish family (phone 07700 900456); its reference.

    `flagged` gives it a conversation with a safeguarding event; `changes` replace fields.
    """
    with app.app_context():
        body: dict[str, Any] = {
            "submission_key": secrets.token_urlsafe(16),
            "lang": "pl",
            "channel": "web",
            "needs": ["money"],
            "children": [{"age_band": "3-4"}],
            "own_words": "Nie mamy pieniędzy na jedzenie do końca miesiąca.",
            "contact": {
                "method": "phone",
                "phone": "07700 900456",
                "times": "mornings",
                "safe_to_message": False,
            },
            "consent": {
                "wording_version": wording("en").version,  # type: ignore[union-attr]
                "share_with_front_door": True,
                "share_with_partners": True,
            },
        }
        body.update(changes)
        if flagged:
            session_id = secrets.token_urlsafe(18)
            conversation = chat_store.start_conversation(session_id, "web")
            chat_store.record_safeguarding(conversation, "danger_now", "pattern", "pl")
            body["conversation"] = session_id
        # Consent wording exists in English only so far; the Polish family saw it in English.
        body["lang"] = "en" if body["lang"] == "pl" else body["lang"]
        return referrals.submit(body).referral.reference
