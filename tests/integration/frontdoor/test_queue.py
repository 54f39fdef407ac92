"""The front door's queue and a referral page, as a worker meets them."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from portal.data import referral_store
from tests.support.referrals import make_referral
from tests.support.staff import sign_in


def test_the_queue_puts_flagged_referrals_first_without_the_familys_words(app: Flask, staff: dict) -> None:
    plain = make_referral(app)
    flagged = make_referral(app, flagged=True)
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    html = client.get("/frontdoor/").get_data(as_text=True)
    references = re.findall(r"EH-[A-Z0-9]{3}-[A-Z0-9]{3}", html)
    assert references.index(flagged) < references.index(plain)
    assert "Nie mamy" not in html and "h left" in html
    only_flagged = client.get("/frontdoor/?flagged=1").get_data(as_text=True)
    assert flagged in only_flagged and plain not in only_flagged
    assert plain not in client.get("/frontdoor/?need=housing").get_data(as_text=True)


def test_a_referral_page_shows_what_the_worker_needs_and_records_the_view(app: Flask, staff: dict) -> None:
    reference = make_referral(
        app, contact={"method": "phone", "phone": "07700 900456", "safe_to_message": False}
    )
    client = app.test_client()
    assert sign_in(client, staff["manager"]).status_code == 303
    page = client.get(f"/frontdoor/referrals/{reference}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "Nie mamy pieniędzy" in html and "NOT safe to leave a message" in html
    assert "Front door may share with other services" in html and "version " in html
    with app.app_context():
        found = referral_store.by_reference(reference)
        assert found is not None
        actions = [event.action for event, _ in referral_store.audit_for(found)]
    assert actions == ["viewed"]
    assert "viewed" in html  # managers see who has looked


def test_referrals_are_for_signed_in_staff_only(app: Flask) -> None:
    reference = make_referral(app)
    response = app.test_client().get(f"/frontdoor/referrals/{reference}")
    assert response.status_code == 302 and "/frontdoor/sign-in" in response.headers["Location"]


def test_an_unknown_reference_is_not_found(app: Flask, staff: dict) -> None:
    client = app.test_client()
    sign_in(client, staff["worker"])
    assert client.get("/frontdoor/referrals/EH-AAA-AAA").status_code == 404


def work(client: Any, reference: str, **form: str) -> Any:
    page = client.get(f"/frontdoor/referrals/{reference}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    return client.post(f"/frontdoor/referrals/{reference}", data={"csrf_token": token.group(1), **form})


def test_assign_note_and_a_managers_decision_leave_history_and_audit(app: Flask, staff: dict) -> None:
    reference = make_referral(app)
    worker, manager = app.test_client(), app.test_client()
    assert sign_in(worker, staff["worker"]).status_code == 303
    assert sign_in(manager, staff["manager"]).status_code == 303
    assert work(worker, reference, action="assign").status_code == 303
    assert (
        work(worker, reference, action="note", note="Phoned, no answer; will try tomorrow.").status_code
        == 303
    )
    refused = work(worker, reference, action="decide", decision="early_help", reason="x")
    assert refused.status_code == 400 and "Only a manager" in refused.get_data(as_text=True)
    no_reason = work(manager, reference, action="decide", decision="early_help", reason=" ")
    assert no_reason.status_code == 400 and "Give the reason" in no_reason.get_data(as_text=True)
    decided = work(
        manager, reference, action="decide", decision="early_help", reason="You asked for support with money."
    )
    assert decided.status_code == 303
    page = manager.get(f"/frontdoor/referrals/{reference}").get_data(as_text=True)
    assert (
        "decided: Offer early help" in page and "Phoned, no answer" in page and "Assigned to Worker" in page
    )
    with app.app_context():
        found = referral_store.by_reference(reference)
        assert found is not None and found.decision == "early_help" and found.status == "decided"
        actions = [event.action for event, _ in referral_store.audit_for(found)]
    assert {"assigned", "note", "decision", "viewed"} <= set(actions)


def test_changes_need_the_csrf_token(app: Flask, staff: dict) -> None:
    reference = make_referral(app)
    client = app.test_client()
    sign_in(client, staff["manager"])
    forged = client.post(
        f"/frontdoor/referrals/{reference}", data={"csrf_token": "forged", "action": "assign"}
    )
    assert forged.status_code == 400
    assert client.post(f"/frontdoor/referrals/{reference}", data={"action": "assign"}).status_code == 400
