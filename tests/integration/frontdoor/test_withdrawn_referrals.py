"""A family's withdrawal is not overwritten by a decision made afterwards (#15.13)."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from portal.data import referral_store
from portal.services.records import withdrawal
from tests.support.referrals import make_referral
from tests.support.staff import Account, sign_in


def _decide(client: Any, reference: str) -> Any:
    page = client.get(f"/frontdoor/referrals/{reference}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {"csrf_token": token.group(1), "action": "decide", "decision": "early_help", "reason": "Support."}
    return client.post(f"/frontdoor/referrals/{reference}", data=form)


def test_a_withdrawn_referral_cannot_be_decided(app: Flask, staff: dict[str, Account]) -> None:
    reference = make_referral(app)
    with app.app_context():
        withdrawal.withdraw(reference, "07700 900456")
    manager = app.test_client()
    assert sign_in(manager, staff["manager"]).status_code == 303
    refused = _decide(manager, reference)
    assert refused.status_code == 400
    assert "The family withdrew this request" in refused.get_data(as_text=True)
    with app.app_context():
        found = referral_store.by_reference(reference)
        assert found is not None
        assert found.status == "withdrawn" and found.decision is None
