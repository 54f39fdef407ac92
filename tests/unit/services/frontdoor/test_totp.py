"""TOTP against RFC 6238's published test vectors, and codes that work only once."""

import base64

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


def test_provisioning_uri_for_authenticator_apps() -> None:
    uri = totp.provisioning_uri("ABC", "worker@example.org")
    assert uri.startswith("otpauth://totp/Family%20Help:worker%40example.org?secret=ABC")
