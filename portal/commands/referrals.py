"""`flask referrals …`: retention and subject access requests."""

from __future__ import annotations

import json
import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup

referrals_cli = AppGroup("referrals", help="Referrals: retention and subject access requests.")

PROGRESS_EVERY = 500


@referrals_cli.command("anonymise")
@click.option("--dry-run", is_flag=True, help="Say what would be anonymised; change nothing.")
def referrals_anonymise(dry_run: bool) -> None:
    """Anonymise referrals older than REFERRAL_RETENTION_DAYS (safe to run again; run daily)."""
    from portal.services.records import referral_retention

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
    from portal.services.records import subject_access

    try:
        referrals = subject_access.find(reference=reference, phone=phone, email=email)
    except subject_access.SubjectAccessError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if not referrals:
        what = "reference" if reference else "phone number" if phone else "email address"
        click.echo(f"No referral matches that {what}. Nothing was written.", err=True)
        sys.exit(1)
    tracker = current_app.config.get("RASA_TRACKER_STORE_URL") or None
    copy = subject_access.gather(referrals, tracker_store_url=tracker)
    text = json.dumps(copy, ensure_ascii=False, indent=2) + "\n"
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
