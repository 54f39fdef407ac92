"""The front door's queue and a referral page, as a worker meets them."""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import Flask

from portal.data import chat_store, referral_store
from portal.services.referrals import submit as referrals
from portal.services.referrals.consent import wording
from tests.integration.frontdoor.test_sign_in import PASSWORD, Account, sign_in, staff  # noqa: F401


def make_referral(app: Flask, flagged: bool = False, **changes: Any) -> str:
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


def test_the_queue_puts_flagged_referrals_first_without_the_familys_words(app: Flask, staff: dict) -> None:  # noqa: F811
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


def test_a_referral_page_shows_what_the_worker_needs_and_records_the_view(app: Flask, staff: dict) -> None:  # noqa: F811
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


def test_an_unknown_reference_is_not_found(app: Flask, staff: dict) -> None:  # noqa: F811
    client = app.test_client()
    sign_in(client, staff["worker"])
    assert client.get("/frontdoor/referrals/EH-AAA-AAA").status_code == 404


def work(client: Any, reference: str, **form: str) -> Any:
    page = client.get(f"/frontdoor/referrals/{reference}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    return client.post(f"/frontdoor/referrals/{reference}", data={"csrf_token": token.group(1), **form})


def test_assign_note_and_a_managers_decision_leave_history_and_audit(app: Flask, staff: dict) -> None:  # noqa: F811
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


def test_changes_need_the_csrf_token(app: Flask, staff: dict) -> None:  # noqa: F811
    reference = make_referral(app)
    client = app.test_client()
    sign_in(client, staff["manager"])
    forged = client.post(
        f"/frontdoor/referrals/{reference}", data={"csrf_token": "forged", "action": "assign"}
    )
    assert forged.status_code == 400
    assert client.post(f"/frontdoor/referrals/{reference}", data={"action": "assign"}).status_code == 400
