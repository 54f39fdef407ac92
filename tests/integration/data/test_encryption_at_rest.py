"""A family's details and staff secrets are encrypted at rest, and the key can be rotated (#15.8)."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from portal.data import referral_store
from portal.extensions import db
from tests.conftest import make_test_app
from tests.support.referrals import make_referral
from tests.support.staff import new_account

WORDS = "Nie mamy pieniędzy na jedzenie do końca miesiąca."  # what make_referral's family wrote


def _raw(app: Flask, sql: str, **params: object) -> list[str]:
    with app.app_context():
        return [str(value) for value in db.session.execute(text(sql), params).one()]


def test_a_stolen_database_holds_no_words_numbers_or_secrets(empty_app: Flask) -> None:
    reference = make_referral(empty_app)
    account = new_account(empty_app, "worker")
    query = "SELECT own_words, contact, children FROM referral WHERE reference = :r"
    stored = _raw(empty_app, query, r=reference)
    assert all(value.startswith("enc:v1:") for value in stored)
    assert not any("pieniędzy" in value or "900456" in value or "3-4" in value for value in stored)
    (secret,) = _raw(empty_app, "SELECT totp_secret FROM staff_user WHERE id = :i", i=account.id)
    assert secret.startswith("enc:v1:") and account.totp_secret not in secret
    with empty_app.app_context():  # the portal itself reads them as they were written
        referral = referral_store.by_reference(reference)
        assert referral is not None and referral.own_words == WORDS
        assert referral.contact["phone"] == "+447700900456"


def test_rotating_the_key_reencrypts_everything(empty_app: Flask, tmp_path: Path) -> None:
    reference = make_referral(empty_app)
    (before,) = _raw(empty_app, "SELECT own_words FROM referral WHERE reference = :r", r=reference)
    new_key = Fernet.generate_key().decode()
    uri = empty_app.config["SQLALCHEMY_DATABASE_URI"]
    rotated = make_test_app(
        uri,
        tmp_path,
        DATA_ENCRYPTION_KEY=new_key,
        DATA_ENCRYPTION_OLD_KEYS=empty_app.config["DATA_ENCRYPTION_KEY"],
    )
    result = rotated.test_cli_runner().invoke(args=["records", "rotate-key"])
    assert result.exit_code == 0, result.output
    (after,) = _raw(rotated, "SELECT own_words FROM referral WHERE reference = :r", r=reference)
    assert after != before and Fernet(new_key.encode()).decrypt(after.removeprefix("enc:v1:").encode())
    only_new = make_test_app(uri, tmp_path, DATA_ENCRYPTION_KEY=new_key)  # the old key dropped
    with only_new.app_context():
        referral = referral_store.by_reference(reference)
        assert referral is not None and referral.own_words == WORDS


def test_the_migration_encrypts_rows_written_before_it(empty_app: Flask) -> None:
    with empty_app.app_context():
        downgrade(revision="0016")
        db.session.execute(
            text(
                "INSERT INTO referral (reference, submission_key, status, lang, channel, safeguarding_flag,"
                " needs, children, own_words, contact, for_self, created_at) VALUES ('EH-OLD-000',"
                " 'key-old-00000000000', 'new', 'en', 'web', false, '[]', :children, :words, :contact,"
                " false, CURRENT_TIMESTAMP)"
            ),
            {
                "children": '[{"age_band": "3-4"}]',
                "words": "words from before",
                "contact": '{"phone": "+447700900999"}',
            },
        )
        db.session.commit()
        upgrade()
    stored = _raw(empty_app, "SELECT own_words, contact FROM referral WHERE reference = 'EH-OLD-000'")
    assert all(value.startswith("enc:v1:") for value in stored)
    with empty_app.app_context():
        referral = referral_store.by_reference("EH-OLD-000")
        assert referral is not None and referral.own_words == "words from before"
        assert referral.contact == {"phone": "+447700900999"} and referral.children == [{"age_band": "3-4"}]
