"""A subject access request finds a family however their details were written, and is recorded."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from portal.data import referral_store
from portal.services.reading.phone import lookup_key
from tests.support.stored_referrals import add_referral, days_ago, staff_member


@pytest.fixture()
def family(empty_app: Flask) -> dict[str, str]:
    """Two referrals from one family (written differently each time) and one from another."""
    with empty_app.app_context():
        jo = staff_member("Jo Worker")
        first = add_referral(days_ago(40), staff=jo)
        second = add_referral(
            days_ago(3),
            contact={"method": "email", "phone": "+447700900456", "email": "sam.family@example.org"},
        )
        other = add_referral(
            days_ago(3), contact={"method": "phone", "phone": "07700 900999", "email": "else@example.org"}
        )
        return {"first": first.reference, "second": second.reference, "other": other.reference}


def run(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(args=["referrals", "subject-access", *args])


def copy_from(app: Flask, tmp_path: Path, *args: str) -> dict[str, Any]:
    out = tmp_path / "copy.json"
    result = run(app, *args, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    return dict(json.loads(out.read_text(encoding="utf-8")))


def references(copy: dict[str, Any]) -> list[str]:
    return [referral["reference"] for referral in copy["referrals"]]


def test_phone_numbers_match_however_they_are_written() -> None:
    keys = {
        lookup_key(number)
        for number in ("07700 900456", "+447700900456", "+44 (0)7700 900456", "0044 7700-900456")
    }
    assert keys == {"+447700900456"}
    assert lookup_key("07700 900999") != "+447700900456"


def test_found_by_reference_with_consent_history_audit_and_notifications(
    empty_app: Flask, family: dict[str, str], tmp_path: Path
) -> None:
    copy = copy_from(empty_app, tmp_path, "--reference", family["first"].lower())

    assert references(copy) == [family["first"]]
    referral = copy["referrals"][0]
    assert referral["own_words"].startswith("We have been given notice")
    assert referral["contact"]["phone"] == "07700 900456"
    assert referral["children"][0] == {"age_band": "5-11", "name": "Amy"}
    assert referral["consent"] == [
        {
            "wording_version": "a" * 64,
            "words": None,  # a version from before the wording history: its words were not kept
            "lang": "en",
            "channel": "web",
            "given_at": referral["consent"][0]["given_at"],
            "share_with_front_door": True,
            "share_with_partners": False,
            "own_consent": True,
            "withdrawn_at": None,
            "withdrawn_channel": None,
        }
    ]
    assert referral["consent"][0]["given_at"].endswith("Z")
    [entry] = referral["history"]
    assert (entry["kind"], entry["text"], entry["staff"]) == ("note", "Spoke to Sam about rent", "Jo Worker")
    assert [(a["action"], a["staff"]) for a in referral["audit"]] == [("note", "Jo Worker")]
    [notification] = referral["notifications"]
    assert (notification["channel"], notification["event"]) == ("email", "new")
    assert notification["sent_at"] is not None


def test_found_by_a_phone_number_written_differently(
    empty_app: Flask, family: dict[str, str], tmp_path: Path
) -> None:
    by_spaced = copy_from(empty_app, tmp_path, "--phone", "07700 900456")
    by_international = copy_from(empty_app, tmp_path, "--phone", "+447700900456")
    assert references(by_spaced) == references(by_international) == [family["first"], family["second"]]


def test_found_by_email_in_another_case(empty_app: Flask, family: dict[str, str], tmp_path: Path) -> None:
    copy = copy_from(empty_app, tmp_path, "--email", "  SAM.FAMILY@example.ORG ")
    assert references(copy) == [family["first"], family["second"]]


def test_each_referral_copied_gets_a_subject_access_audit_line(
    empty_app: Flask, family: dict[str, str]
) -> None:
    result = run(empty_app, "--email", "sam.family@example.org")

    assert result.exit_code == 0
    # Without --out the JSON is the whole of standard output, so it can be piped.
    assert references(json.loads(result.stdout)) == [family["first"], family["second"]]
    with empty_app.app_context():
        for name, expected in (("first", 1), ("second", 1), ("other", 0)):
            referral = referral_store.by_reference(family[name])
            assert referral is not None
            events = [event for event, _ in referral_store.audit_for(referral)]
            assert [(e.action, e.user_id) for e in events].count(("subject_access", None)) == expected


def test_nothing_matching_is_an_error_and_writes_nothing(
    empty_app: Flask, family: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "copy.json"
    for args in (["--reference", "EH-XXX-XXX"], ["--phone", "07700 900000"], ["--email", "no@one.org"]):
        result = run(empty_app, *args, "--out", str(out))
        assert result.exit_code == 1 and "No referral matches" in result.output
    assert not out.exists()
    with empty_app.app_context():
        referral = referral_store.by_reference(family["first"])
        assert referral is not None
        assert "subject_access" not in [event.action for event, _ in referral_store.audit_for(referral)]


@pytest.mark.parametrize("args", [[], ["--reference", "EH-AAA-AAA", "--email", "a@b.org"], ["--phone", "12"]])
def test_exactly_one_clear_selector_is_needed(empty_app: Flask, args: list[str]) -> None:
    result = run(empty_app, *args)
    assert result.exit_code == 1
    assert "Give exactly one of" in result.output or "at least 6 digits" in result.output
