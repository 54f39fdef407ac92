"""Flask extensions, created once and bound to the app in create_app()."""

import sqlite3
from typing import Any

from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()


@event.listens_for(Engine, "connect")
def _sqlite_for_several_writers(connection: Any, _record: Any) -> None:
    """SQLite (the embedded default) with write-ahead logging: readers never wait for a
    writer, and a writer waits its turn (up to 10 s) instead of failing at once when
    several requests write together (a busy text conversation, the notifier)."""
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()
