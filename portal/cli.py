"""Commands for operators and `make`: `flask content load`, `flask search build`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.services.content_loader import ContentRecord, english_file_version, load_content, read_content
from portal.services.content_schema import ContentError
from portal.services.indexing import rebuild_search_index
from portal.services.readability import READING_AGE_TARGET, measure

content_cli = AppGroup("content", help="Load and check the shipped content.")
search_cli = AppGroup("search", help="Build the search index.")
chat_cli = AppGroup("chat", help="Look after the assistant's conversations.")
staff_cli = AppGroup("staff", help="Front-door staff accounts.")


def _read_content_or_exit() -> list[ContentRecord]:
    """Every content record, or one line naming the fault and exit status 1."""
    try:
        return read_content(current_app.config["CONTENT_DIR"])
    except ContentError as error:
        click.echo(f"Content error: {error}", err=True)
        sys.exit(1)


@content_cli.command("check")
def content_check() -> None:
    """Check every content file without touching the database."""
    records = _read_content_or_exit()
    click.echo(f"Content is valid: {len(records)} records.")


@content_cli.command("load")
def content_load() -> None:
    """Load content files into the database (safe to run again)."""
    try:
        report = load_content(current_app.config["CONTENT_DIR"])
    except ContentError as error:
        click.echo(f"Content error, nothing was changed: {error}", err=True)
        sys.exit(1)
    click.echo(f"Content loaded: {report}.")


@content_cli.command("versions")
def content_versions() -> None:
    """Print the version of every English original (translations record it)."""
    for record in _read_content_or_exit():
        if record.lang == "en" and record.kind in {"guide", "childhood_offer"}:
            click.echo(f"{record.version}  {record.source_path}")


@content_cli.command("version")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def content_version(paths: tuple[str, ...]) -> None:
    """Print the version of English guide or Childhood Offer files (for translators)."""
    content_dir = current_app.config["CONTENT_DIR"]
    try:
        for path in paths:
            click.echo(f"{english_file_version(content_dir, Path(path))}  {path}")
    except ContentError as error:
        click.echo(f"Content error: {error}", err=True)
        sys.exit(1)


@content_cli.command("readability")
def content_readability() -> None:
    """Report the reading age of every English guide; fail if any is above the target."""
    records = [r for r in _read_content_or_exit() if r.kind == "guide" and r.lang == "en"]
    above = 0
    for record in sorted(records, key=lambda r: r.slug):
        age = measure(record.body).reading_age
        above += age > READING_AGE_TARGET
        click.echo(f"{age:5.1f}  {record.slug}{'  ABOVE TARGET' if age > READING_AGE_TARGET else ''}")
    click.echo(f"{len(records)} guides; target reading age {READING_AGE_TARGET:g} or below; {above} above.")
    sys.exit(1 if above else 0)


@search_cli.command("build")
def search_build() -> None:
    """Rebuild the search index from published content and swap it in."""
    started = time.perf_counter()
    click.echo("Building the search index...")
    count = rebuild_search_index(
        current_app.config["SEARCH_INDEX_DIR"],
        progress=lambda n: click.echo(f"  {n} documents indexed"),
    )
    click.echo(f"Search index built: {count} documents in {time.perf_counter() - started:.1f} s.")


@search_cli.command("misses")
@click.option("--limit", default=50, show_default=True, help="How many to list.")
def search_misses(limit: int) -> None:
    """Searches that found nothing, most frequent first (for editors)."""
    from portal.data.search_store import misses_by_count

    rows = misses_by_count(limit)
    if not rows:
        click.echo("No searches without results have been recorded.")
    for query, lang, count in rows:
        click.echo(f"{count:5d}  {lang}  {query}")


@chat_cli.command("purge")
@click.option("--days", type=click.IntRange(min=0), default=None, help="Keep conversations this many days.")
def chat_purge(days: int | None) -> None:
    """Delete conversations (and their transcripts) quiet for longer than the retention period."""
    from portal.services.chat_retention import purge

    config = current_app.config
    keep = config["CHAT_RETENTION_DAYS"] if days is None else days
    result = purge(keep, config["RASA_TRACKER_STORE_URL"] or None)
    click.echo(f"Removed {result.conversations} conversations quiet for more than {keep} days.")
    if result.transcripts is None:
        click.echo("No RASA_TRACKER_STORE_URL: Rasa keeps transcripts in memory only (development).")
    else:
        click.echo(f"Removed {result.transcripts} transcript events from Rasa's tracker store.")


def _create_staff(email: str, name: str, role: str) -> None:
    from portal.services import totp
    from portal.services.staff_auth import StaffError, create_user

    password = click.prompt("Password (12 characters or more)", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email, name, role, password)
    except StaffError as error:
        click.echo(f"Not created: {error}.", err=True)
        sys.exit(1)
    click.echo(f"Created {user.role} {user.email}.")
    click.echo("Add this key to an authenticator app (it is shown once):")
    click.echo(f"  key: {user.totp_secret}")
    click.echo(f"  or:  {totp.provisioning_uri(user.totp_secret, user.email)}")


@staff_cli.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", required=True)
def staff_create_admin(email: str, name: str) -> None:
    """Create the first admin (asks for the password; prints the sign-in key once)."""
    _create_staff(email, name, "admin")


@staff_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", type=click.Choice(["worker", "manager", "admin"]), default="worker", show_default=True
)
def staff_create(email: str, name: str, role: str) -> None:
    """Create a front-door worker, manager or admin."""
    _create_staff(email, name, role)


def init_app(app: Flask) -> None:
    app.cli.add_command(content_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(chat_cli)
    app.cli.add_command(staff_cli)
