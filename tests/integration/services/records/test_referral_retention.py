"""Referrals are anonymised once the retention period ends, keeping what the council counts."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from portal.data import referral_store
from portal.data.models import ConsentRecord, Referral, ReferralAuditEvent, ReferralEntry
from portal.extensions import db
from portal.services.records import referral_retention
from tests.support.stored_referrals import add_referral, days_ago

DAYS = 2557


def snapshot(reference: str) -> dict[str, Any]:
    """Everything a run could change about one referral, to compare before and after."""
    referral = referral_store.by_reference(reference)
    assert referral is not None
    db.session.refresh(referral)
    return {
        "own_words": referral.own_words,
        "children": referral.children,
        "contact": referral.contact,
        "area": referral.area,
        "redacted_at": referral.redacted_at,
        "entries": [entry.text for entry in referral_store.entries_of(referral)],
        "audit": [event.action for event, _ in referral_store.audit_for(referral)],
    }


def audit_actions(referral: Referral) -> list[str]:
    return [event.action for event, _ in referral_store.audit_for(referral)]


def test_the_default_period_is_about_seven_years(empty_app: Flask) -> None:
    assert empty_app.config["REFERRAL_RETENTION_DAYS"] == DAYS


def test_an_old_referral_is_anonymised_and_a_recent_one_is_untouched(empty_app: Flask) -> None:
    with empty_app.app_context():
        old = add_referral(days_ago(DAYS + 1)).reference
        old_postcode = add_referral(days_ago(DAYS + 400), area="CH41 6AB").reference
        recent = add_referral(days_ago(DAYS - 1)).reference
        recent_before = snapshot(recent)

    result = empty_app.test_cli_runner().invoke(args=["referrals", "anonymise"])

    assert result.exit_code == 0, result.output
    assert "Anonymising 2 referrals" in result.output and "Anonymised 2 referrals" in result.output
    with empty_app.app_context():
        referral = referral_store.by_reference(old)
        assert referral is not None
        # What identifies the family is gone...
        assert referral.own_words == ""
        assert referral.children == [{"age_band": "5-11"}, {"age_band": "0-2"}]
        assert referral.contact == {"method": "text"}
        assert [entry.text for entry in referral_store.entries_of(referral)] == ["[removed]"]
        assert referral.redacted_reason == "retention" and referral.redacted_at is not None
        # ...what the council counts is kept.
        assert referral.needs == ["housing", "money"] and referral.area == "East Wirral"
        assert referral.safeguarding_flag is True and referral.lang == "pl" and referral.status == "new"
        consent = referral_store.consent_for(referral)
        assert consent is not None and consent.share_with_front_door and consent.own_consent
        assert consent.share_with_partners is False
        # And the record says it happened, by no one in particular (the scheduled job).
        events = [event for event, _ in referral_store.audit_for(referral)]
        assert [(e.action, e.user_id) for e in events] == [("note", None), ("anonymised", None)]

        with_postcode = referral_store.by_reference(old_postcode)
        assert with_postcode is not None and with_postcode.area is None

        assert snapshot(recent) == recent_before


def test_a_second_run_changes_nothing(empty_app: Flask) -> None:
    with empty_app.app_context():
        old = add_referral(days_ago(DAYS + 10)).reference
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["referrals", "anonymise"]).exit_code == 0
    with empty_app.app_context():
        after_first = snapshot(old)

    again = runner.invoke(args=["referrals", "anonymise"])

    assert again.exit_code == 0 and "Nothing to anonymise" in again.output
    with empty_app.app_context():
        assert snapshot(old) == after_first
        assert after_first["audit"].count("anonymised") == 1


def test_a_dry_run_changes_nothing_and_says_what_it_would_do(empty_app: Flask) -> None:
    with empty_app.app_context():
        references = [add_referral(days_ago(DAYS + n)).reference for n in (1, 2, 3)]
        before = [snapshot(reference) for reference in references]

    result = empty_app.test_cli_runner().invoke(args=["referrals", "anonymise", "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "Would anonymise 3 referrals" in result.output and "Nothing was changed" in result.output
    with empty_app.app_context():
        assert [snapshot(reference) for reference in references] == before


def test_work_is_committed_in_batches_with_a_running_count(empty_app: Flask) -> None:
    with empty_app.app_context():
        for n in range(5):
            add_referral(days_ago(DAYS + 1 + n))
        seen: list[int] = []
        result = referral_retention.anonymise_due(DAYS, batch_size=2, progress=seen.append)
        assert (result.due, result.anonymised, seen) == (5, 5, [2, 4, 5])
        left = db.session.execute(db.select(Referral).filter_by(redacted_at=None)).scalars().all()
        assert left == []


def test_a_failure_loses_only_its_batch_and_leaves_no_half_redacted_referral(
    empty_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with empty_app.app_context():
        ids = [add_referral(days_ago(DAYS + 10 - n)).id for n in range(4)]
        real_redact = referral_retention.redact
        calls = 0

        def redact_then_fail(referral: Referral, reason: str) -> None:
            nonlocal calls
            calls += 1
            real_redact(referral, reason)
            if calls == 3:  # the first referral of the second batch, already half done
                raise RuntimeError("the database went away")

        monkeypatch.setattr(referral_retention, "redact", redact_then_fail)
        with pytest.raises(RuntimeError):
            referral_retention.anonymise_due(DAYS, batch_size=2)
        db.session.expire_all()

        referrals = referral_store.by_ids(ids)
        assert [r.redacted_at is not None for r in referrals] == [True, True, False, False]
        for referral in referrals[2:]:
            assert referral.own_words and referral.contact.get("phone") == "07700 900456"
            assert referral.children[0].get("name") == "Amy"
            assert [e.text for e in referral_store.entries_of(referral)] == ["Spoke to Sam about rent"]
            assert "anonymised" not in audit_actions(referral)

        monkeypatch.setattr(referral_retention, "redact", real_redact)
        assert referral_retention.anonymise_due(DAYS, batch_size=2).anonymised == 2
        assert (
            db.session.execute(
                db.select(db.func.count()).select_from(ReferralAuditEvent).filter_by(action="anonymised")
            ).scalar_one()
            == 4
        )
        # Nothing a referral is counted by was lost on the way.
        assert db.session.execute(db.select(db.func.count()).select_from(ConsentRecord)).scalar_one() == 4
        assert db.session.execute(db.select(db.func.count()).select_from(ReferralEntry)).scalar_one() == 4


def test_the_command_reports_a_running_count(empty_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    import portal.commands.referrals

    monkeypatch.setattr(portal.commands.referrals, "PROGRESS_EVERY", 2)
    with empty_app.app_context():
        for n in range(3):
            add_referral(days_ago(DAYS + 1 + n))

    result = empty_app.test_cli_runner().invoke(args=["referrals", "anonymise"])

    lines = result.output.splitlines()
    assert lines[0].startswith("Anonymising 3 referrals created before ") and lines[0].endswith("…")
    assert lines[1] == "  3 anonymised" and lines[2].startswith("Anonymised 3 referrals")
