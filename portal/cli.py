"""Commands for operators and `make`: `flask content load`, `flask search build`."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.notifications_cli import notifications_cli
from portal.safeguarding_cli import safeguarding_cli
from portal.services.content_loader import ContentRecord, english_file_version, load_content, read_content
from portal.services.content_schema import ContentError
from portal.services.indexing import rebuild_search_index
from portal.services.readability import READING_AGE_TARGET, measure

content_cli = AppGroup("content", help="Load and check the shipped content.")
search_cli = AppGroup("search", help="Build the search index.")
chat_cli = AppGroup("chat", help="Look after the assistant's conversations.")
staff_cli = AppGroup("staff", help="Front-door staff accounts.")
referrals_cli = AppGroup("referrals", help="Referrals: retention and subject access requests.")


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
    result = purge(keep, config["RASA_TRACKER_STORE_URL"] or None, draft_hours=config["REFERRAL_DRAFT_HOURS"])
    click.echo(f"Removed {result.conversations} conversations quiet for more than {keep} days.")
    click.echo(
        f"Removed {result.drafts} referral forms left unsent for {config['REFERRAL_DRAFT_HOURS']} hours."
    )
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


PROGRESS_EVERY = 500


@referrals_cli.command("anonymise")
@click.option("--dry-run", is_flag=True, help="Say what would be anonymised; change nothing.")
def referrals_anonymise(dry_run: bool) -> None:
    """Anonymise referrals older than REFERRAL_RETENTION_DAYS (safe to run again; run daily)."""
    from portal.services import referral_retention

    days = current_app.config["REFERRAL_RETENTION_DAYS"]
    due = referral_retention.count_due(days)
    before = referral_retention.cutoff(days).date().isoformat()
    if due == 0:
        click.echo(f"Nothing to anonymise: no referral created before {before} still holds personal details.")
        return
    if dry_run:
        click.echo(
            f"Would anonymise {due:,} referrals created before {before} (older than {days:,} days). "
            "Nothing was changed (--dry-run)."
        )
        return
    click.echo(f"Anonymising {due:,} referrals created before {before} (older than {days:,} days)…")
    shown = 0

    def report(done: int) -> None:
        nonlocal shown
        if done // PROGRESS_EVERY > shown // PROGRESS_EVERY:
            click.echo(f"  {done:,} anonymised")
        shown = done

    result = referral_retention.anonymise_due(days, progress=report)
    click.echo(
        f"Anonymised {result.anonymised:,} referrals created before {result.before.date().isoformat()}. "
        "Kept for the council's figures: needs, age bands, area names, the safeguarding flag, "
        "decisions and consent answers."
    )


@referrals_cli.command("subject-access")
@click.option("--reference", help="A referral reference, EH-…")
@click.option("--phone", help="A phone number, written any way (spaces, +44 or 0).")
@click.option("--email", help="An email address (any case).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the JSON here (else to standard output).")
def referrals_subject_access(
    reference: str | None, phone: str | None, email: str | None, out: str | None
) -> None:
    """Everything held about one family, as JSON (a subject access request)."""
    from portal.services import subject_access

    try:
        referrals = subject_access.find(reference=reference, phone=phone, email=email)
    except subject_access.SubjectAccessError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if not referrals:
        what = "reference" if reference else "phone number" if phone else "email address"
        click.echo(f"No referral matches that {what}. Nothing was written.", err=True)
        sys.exit(1)
    text = json.dumps(subject_access.gather(referrals), ensure_ascii=False, indent=2) + "\n"
    if out:
        # The copy holds a family's details: readable by its owner only.
        with os.fdopen(
            os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8"
        ) as f:
            f.write(text)
    else:
        click.echo(text, nl=False)
    subject_access.record_access(referrals)
    references = ", ".join(referral.reference for referral in referrals)
    click.echo(
        f"{len(referrals)} referral(s) ({references}){f' written to {out}' if out else ''}; "
        "the access is recorded in each referral's audit.",
        err=not out,
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(content_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(chat_cli)
    app.cli.add_command(staff_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(referrals_cli)
    app.cli.add_command(safeguarding_cli)
