"""`flask content …`: check, load, version and measure the shipped content."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal.services.content.loader import ContentRecord, english_file_version, load_content, read_content
from portal.services.content.readability import READING_AGE_TARGET, measure
from portal.services.content.schema import ContentError

content_cli = AppGroup("content", help="Load and check the shipped content.")


def _read_content_or_exit() -> list[ContentRecord]:
    """Every content record, or a line per fault (file, field, problem) and exit status 1."""
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
