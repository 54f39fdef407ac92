"""Integration tests share one migrated database per run (and some modules one of their own):
each test that uses `app` runs inside a transaction that is rolled back when it ends, so no
test sees another's rows and none depends on the order they run in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.support.database import rolled_back


@pytest.fixture(autouse=True)
def each_test_rolled_back(request: pytest.FixtureRequest) -> Iterator[None]:
    """Autouse, so the test's own fixtures (staff, referrals) are made inside the transaction;
    module- and session-scoped fixtures were made before it and stay, as shared setup should."""
    if "app" not in request.fixturenames:
        yield
        return
    app: Flask = request.getfixturevalue("app")
    with rolled_back(app):
        yield
