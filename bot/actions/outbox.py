"""A durable outbox for referrals the portal could not take at once.

The family is told the truth ("saved, will be sent") only once the key is on
disk here; a background thread keeps offering it to the portal until it is
taken. The portal makes one referral per key, so a delivery repeated after a
crash is harmless: never lost, never duplicated. Only the submission key is
kept — the family's answers stay in the portal's draft.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Protocol

from actions.portal import PortalRefused, PortalUnavailable

log = logging.getLogger(__name__)
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "var" / "outbox.sqlite3"


class Deliverer(Protocol):
    def submit_draft(self, submission_key: str) -> dict: ...


class Outbox:
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path or os.environ.get("ACTION_OUTBOX_PATH") or DEFAULT_PATH)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS outbox ("
                " submission_key TEXT PRIMARY KEY, created_at REAL NOT NULL,"
                " attempts INTEGER NOT NULL DEFAULT 0, delivered_at REAL, refused TEXT)"
            )

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")  # on disk before the family is told
        return connection

    def add(self, key: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT OR IGNORE INTO outbox (submission_key, created_at) VALUES (?, ?)", (key, time.time())
            )

    def pending(self) -> list[str]:
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT submission_key FROM outbox"
                " WHERE delivered_at IS NULL AND refused IS NULL ORDER BY created_at"
            ).fetchall()
        return [row[0] for row in rows]

    def _set(self, sql: str, *params: object) -> None:
        with closing(self._connect()) as db, db:
            db.execute(sql, params)

    def delivered(self, key: str) -> None:
        self._set("UPDATE outbox SET delivered_at = ? WHERE submission_key = ?", time.time(), key)

    def refused(self, key: str, why: str) -> None:
        self._set("UPDATE outbox SET refused = ? WHERE submission_key = ?", why[:100], key)

    def tried(self, key: str) -> None:
        self._set("UPDATE outbox SET attempts = attempts + 1 WHERE submission_key = ?", key)


def deliver_pending(outbox: Outbox, portal: Deliverer) -> int:
    """Offer every waiting referral to the portal, each on its own: one that fails (refused, or
    an error on that key alone) never keeps the others waiting behind it."""
    delivered = 0
    for key in outbox.pending():
        try:
            portal.submit_draft(key)
        except PortalRefused as error:
            log.error("outbox: the portal refused a referral (%s); kept for inspection", error)
            outbox.refused(key, str(error))
            continue
        except PortalUnavailable:
            outbox.tried(key)
            continue
        outbox.delivered(key)
        delivered += 1
    if delivered:
        log.info("outbox: delivered %d waiting referral(s)", delivered)
    return delivered


_started = threading.Event()


def start_delivery(outbox: Outbox, portal: Deliverer, every_seconds: float) -> None:
    """One background thread per process keeps trying (daemon: it dies with the server)."""
    if _started.is_set():
        return
    _started.set()

    def loop() -> None:
        while True:
            try:
                deliver_pending(outbox, portal)
            except Exception:
                log.exception("outbox: delivery pass failed")
            time.sleep(every_seconds)

    threading.Thread(target=loop, name="referral-outbox", daemon=True).start()
