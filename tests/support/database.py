"""Each test on a shared database inside one transaction, rolled back when it ends.

The recipe is SQLAlchemy 2's "Joining a Session into an External Transaction": one
connection begins an outer transaction, and every Flask-SQLAlchemy session of the test
joins it with ``join_transaction_mode="create_savepoint"``, so the app's own commit()
and rollback() work on savepoints and nothing a test writes outlives it.

Only what runs on the test's own thread can use this: a server thread or another
process never sees uncommitted rows, so tests that need those keep a fresh database
(tests/e2e, tests/browser, the migration tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask_sqlalchemy.session import Session
from sqlalchemy import Connection
from sqlalchemy.orm import scoped_session, sessionmaker

from portal.extensions import db


@contextmanager
def rolled_back(app: Flask) -> Iterator[Connection]:
    """Run the block with every session on `app`'s database joined to one transaction, then undo it.

    `db.session` is one registry for every app, so it is swapped for the block: a second
    app made on the same database URL (as some tests do) joins the same transaction,
    while an app on any other database (a broken one, say) keeps its own engine.
    """
    with app.app_context():
        engine = db.engine
    connection = engine.connect()
    driver: Any = connection.connection.driver_connection
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Python's sqlite3 does not BEGIN before a SAVEPOINT, so a released savepoint
        # would be committed for good: SQLAlchemy emits BEGIN instead (its SQLite docs,
        # "Enabling Non-Legacy SQLite Transactional Modes"). Set before any transaction.
        legacy_isolation = driver.isolation_level
        driver.isolation_level = None
    outer = connection.begin()
    if sqlite:
        connection.exec_driver_sql("BEGIN")
    database = engine.url
    original = db.session

    class JoinedSession(original.session_factory.class_):  # type: ignore[name-defined,misc]
        def get_bind(self, mapper: Any = None, clause: Any = None, bind: Any = None, **kwargs: Any) -> Any:
            if bind is None and self._db.engine.url == database:
                return connection
            return super().get_bind(mapper, clause, bind, **kwargs)

    assert issubclass(JoinedSession, Session)
    options = {**original.session_factory.kw, "join_transaction_mode": "create_savepoint"}
    joined = scoped_session(
        sessionmaker(class_=JoinedSession, **options), scopefunc=original.registry.scopefunc
    )
    db.session = joined
    try:
        yield connection
    finally:
        db.session = original
        for session in list(joined.registry.registry.values()):  # any app context left open
            session.close()
        outer.rollback()
        if sqlite:
            driver.isolation_level = legacy_isolation
        connection.close()
