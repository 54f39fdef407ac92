"""`flask chat purge`: the assistant's conversations past their retention."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

chat_cli = AppGroup("chat", help="Look after the assistant's conversations.")


@chat_cli.command("purge")
@click.option("--days", type=click.IntRange(min=0), default=None, help="Keep conversations this many days.")
def chat_purge(days: int | None) -> None:
    """Delete conversations (and their transcripts) quiet for longer than the retention period."""
    from portal.services.records.chat_retention import purge

    config = current_app.config
    keep = config["CHAT_RETENTION_DAYS"] if days is None else days
    result = purge(keep, config["RASA_TRACKER_STORE_URL"] or None, draft_hours=config["REFERRAL_DRAFT_HOURS"])
    click.echo(f"Removed {result.conversations} conversations quiet for more than {keep} days.")
    click.echo(
        f"Removed {result.drafts} referral forms left unsent for {config['REFERRAL_DRAFT_HOURS']} hours."
    )
    if result.transcripts is None:
        click.echo("No RASA_TRACKER_STORE_URL: Rasa keeps transcripts in memory only (development).")
    else:
        click.echo(f"Removed {result.transcripts} transcript events from Rasa's tracker store.")
