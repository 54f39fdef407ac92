"""TOTP against RFC 6238's published test vectors, and codes that work only once."""

import base64

import pyotp

from portal.services.frontdoor import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


def test_rfc_6238_vectors() -> None:
    for unix_time, expected in [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
    ]:
        assert totp.code_at(RFC_SECRET, unix_time // 30, digits=8) == expected


def test_a_code_is_valid_for_its_window_and_only_once() -> None:
    now = 1_700_000_000.0
    code = totp.code_at(RFC_SECRET, totp.current_step(now))
    step = totp.matching_step(RFC_SECRET, code, last_used_step=0, now=now)
    assert step == totp.current_step(now)
    assert totp.matching_step(RFC_SECRET, code, last_used_step=step, now=now) is None  # used
    assert (
        totp.matching_step(RFC_SECRET, code, last_used_step=0, now=now + 30) is not None
    )  # a step late is fine
    assert totp.matching_step(RFC_SECRET, code, last_used_step=0, now=now + 120) is None  # too late
    assert totp.matching_step(RFC_SECRET, "12ab56", last_used_step=0, now=now) is None


def test_an_earlier_step_is_refused_even_inside_the_window() -> None:
    now = 1_700_000_000.0
    step = totp.current_step(now)
    earlier = totp.code_at(RFC_SECRET, step - 1)
    assert totp.matching_step(RFC_SECRET, earlier, last_used_step=0, now=now) == step - 1  # clock drift
    assert totp.matching_step(RFC_SECRET, earlier, last_used_step=step - 1, now=now) is None
    assert totp.matching_step(RFC_SECRET, earlier, last_used_step=step, now=now) is None
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, step + 2), 0, now=now) is None


def test_a_new_secret_makes_codes_an_app_would() -> None:
    secret = totp.new_secret()
    assert len(base64.b32decode(secret)) == 20
    assert totp.code_at(secret, 57_000_000) == pyotp.TOTP(secret).at(57_000_000 * 30)
    assert totp.new_secret() != secret


def test_provisioning_uri_for_authenticator_apps() -> None:
    # A real secret: pyotp refuses one too short to be safe.
    uri = totp.provisioning_uri(RFC_SECRET, "worker@example.org")
    assert uri == (
        f"otpauth://totp/Family%20Help:worker%40example.org?secret={RFC_SECRET}&issuer=Family%20Help"
    )
