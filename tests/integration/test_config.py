from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from portal.config import (
    DEV_TWILIO_AUTH_TOKEN,
    ConfigError,
    ensure_dev_env,
    load_config,
    read_env_file,
)

STRONG = "x" * 40


def production_env(**changes: str) -> dict[str, str]:
    env = {
        "FAMILYHELP_ENV": "production",
        "SECRET_KEY": STRONG,
        "RASA_TOKEN": "r" * 40,
        "SERVICE_TOKEN": "s" * 40,
        "TWILIO_AUTH_TOKEN": "real-twilio-token",
        "TRUSTED_PROXY_HOPS": "1",
        "DATA_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "PHONE_HASH_KEY": "p" * 40,
    }
    env.update(changes)
    return {key: value for key, value in env.items() if value}


def test_production_starts_with_real_secrets() -> None:
    config = load_config(production_env())
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "dev-" + "a" * 40}, "SECRET_KEY is a development value"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is shorter than 32 characters"),
        ({"RASA_TOKEN": ""}, "RASA_TOKEN is not set"),
        ({"TWILIO_AUTH_TOKEN": DEV_TWILIO_AUTH_TOKEN}, "TWILIO_AUTH_TOKEN is a development value"),
    ],
)
def test_production_refuses_development_or_missing_secrets(changes: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(production_env(**changes))


@pytest.mark.parametrize(
    ("changes", "setting"),
    [
        ({"SMS_SIMULATOR": "1"}, "SMS_SIMULATOR"),
        ({"TWILIO_API_BASE": "http://127.0.0.1:5099"}, "TWILIO_API_BASE"),
        ({"SESSION_COOKIE_SECURE": "0"}, "SESSION_COOKIE_SECURE"),
        ({"TRUSTED_PROXY_HOPS": ""}, "TRUSTED_PROXY_HOPS"),
        ({"DATA_ENCRYPTION_KEY": ""}, "DATA_ENCRYPTION_KEY"),
        ({"DATA_ENCRYPTION_KEY": "not-a-fernet-key"}, "DATA_ENCRYPTION_KEY"),
        ({"PHONE_HASH_KEY": ""}, "PHONE_HASH_KEY"),
    ],
)
def test_production_refuses_development_conveniences(changes: dict[str, str], setting: str) -> None:
    """Each would fail open on a live server; the refusal names the setting to fix."""
    with pytest.raises(ConfigError, match=f"Refusing to start in production: .*{setting}"):
        load_config(production_env(**changes))


def test_production_accepts_no_proxy_when_said_so() -> None:
    assert load_config(production_env(TRUSTED_PROXY_HOPS="0"))["TRUSTED_PROXY_HOPS"] == 0


def test_the_environment_must_be_named() -> None:
    """Unset is not development: a server started without it must not run with the simulator on."""
    with pytest.raises(ConfigError, match="FAMILYHELP_ENV is not set"):
        load_config({"SECRET_KEY": STRONG})


def test_a_number_setting_that_is_not_a_number_is_named() -> None:
    with pytest.raises(ConfigError, match="CHAT_TIMEOUT must be a number"):
        load_config({"FAMILYHELP_ENV": "test", "CHAT_TIMEOUT": "ten"})
    assert load_config({"FAMILYHELP_ENV": "test", "CHAT_TIMEOUT": "2.5"})["CHAT_TIMEOUT"] == 2.5


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ConfigError, match="FAMILYHELP_ENV"):
        load_config({"FAMILYHELP_ENV": "staging"})


def test_database_defaults_to_sqlite_under_instance() -> None:
    config = load_config({"FAMILYHELP_ENV": "test"})
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["SQLALCHEMY_DATABASE_URI"].endswith("instance/familyhelp.db")
    assert config["RASA_URL"] == "http://127.0.0.1:5005"


def test_development_secrets_are_generated_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "dev.env"
    first = ensure_dev_env(path)
    second = ensure_dev_env(path)
    assert first == second == read_env_file(path)
    assert first["SECRET_KEY"].startswith("dev-") and len(first["SECRET_KEY"]) > 40
    assert first["TWILIO_AUTH_TOKEN"] == DEV_TWILIO_AUTH_TOKEN
    assert oct(path.stat().st_mode)[-3:] == "600"


def test_behind_a_trusted_proxy_the_clients_address_is_the_forwarded_one(database_url: str, tmp_path) -> None:
    """Sign-in limits count addresses: behind the council's proxy they must be the clients'."""
    from flask import request

    from tests.conftest import make_test_app

    for hops, expected in ((0, "10.0.0.1"), (1, "203.0.113.9")):
        app = make_test_app(database_url, tmp_path, TRUSTED_PROXY_HOPS=hops)
        app.add_url_rule("/whoami", "whoami", lambda: str(request.remote_addr))
        answer = app.test_client().get(
            "/whoami", environ_base={"REMOTE_ADDR": "10.0.0.1"}, headers={"X-Forwarded-For": "203.0.113.9"}
        )
        assert answer.get_data(as_text=True) == expected
