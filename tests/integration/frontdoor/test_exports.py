"""Referrals leaving the workspace: JSON, the print view and the queue as CSV, each audited."""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from datetime import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from portal.data import referral_store, staff_store
from portal.extensions import db
from portal.services.frontdoor import export as referral_export
from portal.services.frontdoor import staff_auth
from portal.services.frontdoor import work as referral_work
from portal.services.records import redaction as referral_redaction
from tests.support.referrals import make_referral
from tests.support.staff import Account, sign_in

OWN_WORDS = "Nie mamy pieniędzy na jedzenie do końca miesiąca."
PHONE = "07700 900456"
EMAIL = "family-a@example.org"
POSTCODE = "CH41 5LH"
NOTE = "Left a voicemail with the school nurse."
REASON = "You told us money for food runs out each month."
CHILD = "Zosia"
TIMES = "after 3pm on weekdays"


def full_referral(app: Flask, manager: Account, **changes: Any) -> str:
    """A referral with every kind of free text and contact detail, assigned, noted and decided."""
    reference = make_referral(
        app,
        needs=["housing", "money"],
        children=[{"age_band": "12-16", "name": CHILD}, {"age_band": "pregnancy"}],
        contact={"method": "email", "email": EMAIL, "phone": PHONE, "times": TIMES, "safe_to_message": True},
        interpreter_lang="pl",
        area=POSTCODE,
        **changes,
    )
    with app.app_context():
        found = referral_store.by_reference(reference)
        user = staff_store.get(manager.id)
        assert found is not None and user is not None
        referral_work.assign_to_me(found, user)
        referral_work.add_note(found, user, NOTE)
        referral_work.decide(found, user, "early_help", REASON)
    return reference


def audit_actions(app: Flask, reference: str) -> list[str]:
    with app.app_context():
        found = referral_store.by_reference(reference)
        assert found is not None
        return [event.action for event, _ in referral_store.audit_for(found)]


def export(client: Any, path: str, **filters: str) -> Any:
    """Press an export button: a POST with the page's CSRF token (an export writes an audit line)."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/frontdoor/").get_data(as_text=True))
    assert token
    return client.post(path, data={"csrf_token": token.group(1), **filters})


def read_csv(response: Any) -> list[dict[str, str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # so Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_json_export_holds_what_the_worker_sees(app: Flask, staff: dict) -> None:
    reference = full_referral(app, staff["manager"])
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    response = export(client, f"/frontdoor/referrals/{reference}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{reference}.json"'
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["reference"] == reference and data["status"] == "decided"
    assert data["received_at"].endswith("Z") and datetime.fromisoformat(data["received_at"])
    assert data["safeguarding_flag"] is False and data["for_self"] is False
    assert data["needs"] == [
        {"key": "housing", "label": "Housing"},
        {"key": "money", "label": "Money, food and bills"},
    ]
    assert data["children"][0]["name"] == CHILD and data["children"][0]["age_band"] == "12-16"
    assert data["children"][1] == {"age_band": "pregnancy", "age_band_label": "Pregnancy", "name": None}
    assert data["own_words"] == {"text": OWN_WORDS, "lang": "en", "language": "English"}
    assert data["contact"] == {
        "method": "email",
        "phone": PHONE,
        "email": EMAIL,
        "times": TIMES,
        "safe_to_message": True,
    }
    assert data["interpreter_lang"] == "pl" and data["area"] == POSTCODE and data["channel"] == "web"
    consent = data["consent"]
    assert consent["share_with_front_door"] is True and consent["share_with_partners"] is True
    assert consent["own_consent"] is None and consent["withdrawn_at"] is None
    assert re.fullmatch(r"[0-9a-f]+", consent["wording_version"]) and consent["given_at"].endswith("Z")
    assert data["withdrawn"] is False and data["redacted_at"] is None
    assert data["assigned_to"]["name"] == "Manager"
    assert data["decision"] == {
        "key": "early_help",
        "label": "Offer early help (an assessment and support)",
        "reason": REASON,
    }
    assert [entry["kind"] for entry in data["history"]] == ["assigned", "note", "decision"]
    assert data["history"][1]["text"] == NOTE and data["history"][1]["by"] == staff["manager"].email
    assert audit_actions(app, reference)[-1] == "exported_json"


def test_the_print_view_is_one_plain_page_with_the_familys_words(app: Flask, staff: dict) -> None:
    reference = full_referral(app, staff["manager"])
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    response = export(client, f"/frontdoor/referrals/{reference}/print")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    headings = soup.find_all("h1")
    assert len(headings) == 1 and reference in headings[0].get_text()
    assert soup.title is not None and soup.title.get_text().startswith(headings[0].get_text(" ", strip=True))
    assert soup.html is not None and soup.html.get("lang") == "en"
    text = soup.get_text(" ", strip=True)
    assert OWN_WORDS in text and NOTE in text and EMAIL in text and "Assigned to Manager" in text
    assert soup.find("form") is None and soup.find("script") is None and soup.find("header") is None
    links = soup.find_all("a")
    assert [link.get_text(strip=True) for link in links] == ["Back to the referral"]
    assert "govuk-!-display-none-print" in (links[0].parent.get("class") or [])
    assert audit_actions(app, reference)[-1] == "printed"


def test_the_referral_page_links_to_its_exports(app: Flask, staff: dict) -> None:
    reference = make_referral(app)
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    html = client.get(f"/frontdoor/referrals/{reference}").get_data(as_text=True)
    assert f'formaction="/frontdoor/referrals/{reference}/export.json">Download as JSON' in html
    assert f'formaction="/frontdoor/referrals/{reference}/print">Print view' in html


def test_an_export_is_never_made_by_a_link_or_a_forged_form(app: Flask, staff: dict) -> None:
    """A cross-site link or form must not write an "exported" audit line in a worker's name (#15.13)."""
    reference = make_referral(app)
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    before = audit_actions(app, reference)
    for path in (f"/frontdoor/referrals/{reference}/export.json", f"/frontdoor/referrals/{reference}/print"):
        assert client.get(path).status_code == 405
        assert client.post(path, data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/frontdoor/queue.csv").status_code == 405
    assert audit_actions(app, reference) == before


def test_the_csv_has_the_filtered_rows_and_no_free_text_or_contact_details(app: Flask, staff: dict) -> None:
    included = full_referral(app, staff["manager"])
    other_need = make_referral(app, needs=["money"], children=[{"age_band": "12-16"}])
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    response = export(client, "/frontdoor/queue.csv", need="housing", age_band="12-16")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert re.fullmatch(
        r'attachment; filename="referral-queue-\d{8}-\d{4}\.csv"', response.headers["Content-Disposition"]
    )
    assert response.headers["Cache-Control"] == "no-store"
    rows = read_csv(response)
    assert list(rows[0]) == list(referral_export.CSV_COLUMNS)
    by_reference = {row["reference"]: row for row in rows}
    assert included in by_reference and other_need not in by_reference
    assert all("housing" in row["needs"].split(";") for row in rows)
    row = by_reference[included]
    assert row["needs"] == "housing;money" and row["age_bands"] == "12-16;pregnancy"
    assert row["status"] == "decided" and row["decision"] == "early_help" and row["assigned_to"] == "Manager"
    assert row["area"] == "" and row["safeguarding_flag"] == "no" and row["language"] == "en"
    assert row["channel"] == "web" and row["received"].endswith("Z") and int(row["hours_left"]) > -1000
    text = response.get_data(as_text=True)
    for private in (
        OWN_WORDS,
        "Nie mamy",
        PHONE,
        "900456",
        EMAIL,
        POSTCODE,
        "CH41",
        NOTE,
        REASON,
        CHILD,
        TIMES,
    ):
        assert private not in text, private


def test_an_area_name_stays_in_the_csv(app: Flask, staff: dict) -> None:
    reference = make_referral(app, area="North Wirral")
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    rows = read_csv(export(client, "/frontdoor/queue.csv", area="North Wirral"))
    assert {row["reference"]: row["area"] for row in rows}[reference] == "North Wirral"
    assert {row["area"] for row in rows} == {"North Wirral"}


def test_cells_a_spreadsheet_would_run_get_an_apostrophe() -> None:
    for formula in ("=1+1", "+44 151", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"):
        assert referral_export.neutralise(formula) == "'" + formula
    assert referral_export.neutralise("North Wirral") == "North Wirral"
    assert referral_export.neutralise("") == ""
    assert referral_export.neutralise(-3) == -3  # an overdue clock is a number, not a formula


def test_a_staff_name_that_looks_like_a_formula_is_neutralised_in_the_csv(app: Flask, staff: dict) -> None:
    with app.app_context():
        sly = staff_auth.create_user(
            f"sly-{secrets.token_hex(4)}@council.example",
            '=HYPERLINK("http://x")',
            "worker",
            "pw long enough",
        )
        sly_id = sly.id
    reference = make_referral(app)
    with app.app_context():
        found = referral_store.by_reference(reference)
        user = staff_store.get(sly_id)
        assert found is not None and user is not None
        referral_work.assign_to_me(found, user)
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    rows = read_csv(export(client, "/frontdoor/queue.csv"))
    assert {row["reference"]: row["assigned_to"] for row in rows}[reference] == '\'=HYPERLINK("http://x")'


def test_the_age_band_filter_works_on_the_queue_and_the_csv(app: Flask, staff: dict) -> None:
    baby = make_referral(app, children=[{"age_band": "0-2"}, {"age_band": "5-11"}])
    teenager = make_referral(app, children=[{"age_band": "17-25"}])
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    page = client.get("/frontdoor/?age_band=0-2").get_data(as_text=True)
    assert baby in page and teenager not in page
    assert '<option value="0-2" selected>' in page
    assert '<input type="hidden" name="age_band" value="0-2">' in page  # the CSV keeps the filter
    assert "Download this list (CSV, no free text)" in page
    references = {
        row["reference"] for row in read_csv(export(client, "/frontdoor/queue.csv", age_band="0-2"))
    }
    assert baby in references and teenager not in references
    older = {row["reference"] for row in read_csv(export(client, "/frontdoor/queue.csv", age_band="17-25"))}
    assert teenager in older and baby not in older
    # An unknown band is ignored like the other filters' unknown values.
    assert client.get("/frontdoor/?age_band=nonsense").status_code == 200


def test_the_csv_link_carries_every_filter(app: Flask, staff: dict) -> None:
    make_referral(app, flagged=True, needs=["money"], children=[{"age_band": "3-4"}], area="South Wirral")
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    page = client.get(
        "/frontdoor/?need=money&area=South+Wirral&lang=en&age_band=3-4&flagged=1&status=new"
    ).get_data(as_text=True)
    form = page.split('action="/frontdoor/queue.csv"', 1)[1].split("</form>", 1)[0]
    query = dict(re.findall(r'<input type="hidden" name="(?!csrf_token)([^"]+)" value="([^"]*)">', form))
    assert query == {
        "need": "money",
        "area": "South Wirral",
        "lang": "en",
        "age_band": "3-4",
        "flagged": "1",
        "status": "new",
    }


def test_every_export_is_audited_and_a_manager_sees_it(app: Flask, staff: dict) -> None:
    reference = make_referral(app, needs=["youth_safety"], children=[{"age_band": "5-11"}])
    worker = app.test_client()
    assert sign_in(worker, staff["worker"]).status_code == 303
    assert export(worker, f"/frontdoor/referrals/{reference}/export.json").status_code == 200
    assert export(worker, f"/frontdoor/referrals/{reference}/print").status_code == 200
    rows = read_csv(export(worker, "/frontdoor/queue.csv", need="youth_safety"))
    assert reference in {row["reference"] for row in rows}
    assert audit_actions(app, reference) == ["exported_json", "printed", "exported_csv"]
    with app.app_context():
        # Each referral in the CSV gets its own line, not only the one looked at here.
        for row in rows:
            found = referral_store.by_reference(row["reference"])
            assert found is not None
            assert "exported_csv" in [event.action for event, _ in referral_store.audit_for(found)]
    manager = app.test_client()
    assert sign_in(manager, staff["manager"]).status_code == 303
    html = manager.get(f"/frontdoor/referrals/{reference}").get_data(as_text=True)
    seen = html.split("Who has seen this referral", 1)[1]
    worker_email = staff["worker"].email
    for words in (
        "downloaded it as JSON",
        "opened the print view",
        "downloaded it in the queue list (CSV)",
        "viewed it",
    ):
        assert words in seen
    assert seen.count(worker_email) == 3


@pytest.mark.parametrize("role", ["worker", "manager", "admin"])
def test_every_staff_role_may_export(app: Flask, staff: dict, role: str) -> None:
    reference = make_referral(app)
    client = app.test_client()
    assert sign_in(client, staff[role]).status_code == 303
    for url in (f"/frontdoor/referrals/{reference}/export.json", f"/frontdoor/referrals/{reference}/print"):
        assert export(client, url).status_code == 200, url
    assert export(client, "/frontdoor/queue.csv").status_code == 200


def test_exports_are_refused_when_signed_out(app: Flask) -> None:
    reference = make_referral(app)
    client = app.test_client()
    for url in (
        f"/frontdoor/referrals/{reference}/export.json",
        f"/frontdoor/referrals/{reference}/print",
        "/frontdoor/queue.csv",
    ):
        response = client.post(url)
        assert response.status_code in (302, 400), url  # the sign-in page, or no form token
        if response.status_code == 302:
            assert response.headers["Location"].endswith("/frontdoor/sign-in"), url
        assert "Nie mamy" not in response.get_data(as_text=True)  # nothing of the family's
    assert audit_actions(app, reference) == []


def test_an_unknown_reference_has_no_export(app: Flask, staff: dict) -> None:
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/frontdoor/").get_data(as_text=True))
    assert token
    for url in ("/frontdoor/referrals/EH-AAA-AAA/export.json", "/frontdoor/referrals/EH-AAA-AAA/print"):
        assert client.post(url, data={"csrf_token": token.group(1)}).status_code == 404


def test_a_redacted_referral_exports_as_redacted(app: Flask, staff: dict) -> None:
    reference = full_referral(app, staff["manager"])
    with app.app_context():
        found = referral_store.by_reference(reference)
        assert found is not None
        referral_redaction.redact(found, "withdrawn")
        found.status = "withdrawn"
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, staff["worker"]).status_code == 303
    data = json.loads(export(client, f"/frontdoor/referrals/{reference}/export.json").get_data(as_text=True))
    assert data["withdrawn"] is True and data["redacted_reason"] == "withdrawn"
    assert data["redacted_at"].endswith("Z") and data["own_words"]["text"] == "" and data["area"] is None
    assert data["contact"]["phone"] is None and data["decision"]["reason"] == "[removed]"
    printed = export(client, f"/frontdoor/referrals/{reference}/print").get_data(as_text=True)
    assert "personal details were removed" in printed and "withdrew their consent" in printed
    assert OWN_WORDS not in printed and NOTE not in printed
