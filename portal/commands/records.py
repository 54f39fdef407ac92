"""`flask records housekeeping`: every retention rule, once or on a schedule."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

import click
from flask import current_app
from flask.cli import AppGroup

from portal.services.records import housekeeping

records_cli = AppGroup("records", help="Retention: what is kept, and for how long.")
log = logging.getLogger(__name__)


@records_cli.command("housekeeping")
@click.option(
    "--every", type=click.FloatRange(min=1), default=None, help="Run again every this many seconds."
)
def records_housekeeping(every: float | None) -> None:
    """Apply every retention period now (and again every --every seconds until stopped)."""
    stop = threading.Event()

    def ask_to_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    if every:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, ask_to_stop)
    while True:
        try:
            click.echo(f"Housekeeping: {housekeeping.run(current_app.config)}.")
        except Exception:
            if not every:
                raise
            log.exception("Housekeeping failed; trying again in %g s", every)
        if not every or stop.wait(every):
            return


@records_cli.command("rotate-key")
def records_rotate_key() -> None:
    """Encrypt every family's details and staff secrets again under DATA_ENCRYPTION_KEY
    (the old key must still be in DATA_ENCRYPTION_OLD_KEYS while this runs)."""
    from portal.services.records import encryption

    def report(table: str, done: int) -> None:
        click.echo(f"  {table}: {done:,} rows")

    done = encryption.rotate_all(progress=report)
    click.echo("Re-encrypted: " + ", ".join(f"{table} {count:,}" for table, count in done.items()) + ".")
    click.echo("Once this has finished everywhere, the old key can be removed from DATA_ENCRYPTION_OLD_KEYS.")
