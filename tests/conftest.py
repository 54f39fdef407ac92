"""Shared fixtures.

Every test that needs a database runs against SQLite, and again against
PostgreSQL when TEST_DATABASE_URL is set (`.ci/run` sets it when a server
answers). Each PostgreSQL run gets a schema of its own, so parallel runs on
one server never see each other. The schema is made by the migrations only.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

os.environ["FAMILYHELP_ENV"] = "test"

from portal import create_app
from portal.extensions import db
from portal.services.content.loader import load_content

# Shared fixtures kept with their helpers in tests/support: `staff`, `smtp`.
pytest_plugins = ["tests.support.staff", "tests.support.smtp"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "pl", "ar", "uk", "ro", "zh")


def _database_params() -> list[Any]:
    params = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get("TEST_DATABASE_URL"):
        params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql))
    return params


@contextmanager
def new_database(kind: str, directory: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new PostgreSQL schema."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / f'test-{uuid.uuid4().hex[:8]}.db'}"
        return
    server_url = os.environ["TEST_DATABASE_URL"]
    schema = f"fh_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(server_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in server_url else "?"
    try:
        yield f"{server_url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="session", params=_database_params())
def database_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def database_url(database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with new_database(database_kind, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture()
def empty_app(database_kind: str, tmp_path: Path) -> Iterator[Flask]:
    """An app on its own freshly migrated database with no content loaded."""
    from flask_migrate import upgrade

    with new_database(database_kind, tmp_path) as url:
        app = make_test_app(url, tmp_path)
        with app.app_context():
            upgrade()
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def make_test_app(database_url: str, tmp_path: Path, **overrides: Any) -> Flask:
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": tmp_path / "search_index",
        "RASA_URL": "http://127.0.0.1:9",  # nothing listens on the discard port
        "ACTION_SERVER_URL": "http://127.0.0.1:9",
        "HEALTH_CHECK_TIMEOUT": 0.5,
        "WTF_CSRF_ENABLED": True,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app whose database was built by the migrations and holds the shipped content.

    Shared by the whole run: in tests/integration each test that uses it runs inside a
    transaction rolled back at its end (tests/support/database.py); browser tests serve it
    from a thread, so what they write is committed.
    """
    from flask_migrate import upgrade

    app = make_test_app(database_url, tmp_path_factory.mktemp("app"))
    with app.app_context():
        upgrade()
        load_content(app.config["CONTENT_DIR"])
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Page:
    """A page as a person meets it: checked for one h1, a matching title and a language."""

    def __init__(self, html: str, status: int) -> None:
        self.status = status
        self.soup = BeautifulSoup(html, "html.parser")
        headings = self.soup.find_all("h1")
        assert len(headings) == 1, f"expected exactly one <h1>, found {len(headings)}"
        self.h1 = headings[0].get_text(" ", strip=True)
        assert self.soup.title is not None, "page has no <title>"
        self.title = self.soup.title.get_text(" ", strip=True)
        assert self.title.startswith(self.h1), f"title {self.title!r} does not start with h1 {self.h1!r}"
        html_tag = self.soup.find("html")
        assert html_tag is not None
        self.lang = html_tag.get("lang")
        self.dir = html_tag.get("dir")
        assert self.lang in LANGUAGES, f"<html lang> is {self.lang!r}"

    @property
    def main_text(self) -> str:
        main = self.soup.find("main")
        assert main is not None, "page has no <main>"
        return main.get_text(" ", strip=True)

    def text(self) -> str:
        return self.soup.get_text(" ", strip=True)


@pytest.fixture()
def get_page(client: FlaskClient) -> Any:
    def fetch(url: str, expected_status: int = 200, **kwargs: Any) -> Page:
        response = client.get(url, **kwargs)
        assert response.status_code == expected_status, f"{url}: {response.status_code}"
        return Page(response.get_data(as_text=True), response.status_code)

    return fetch
