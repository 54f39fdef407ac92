"""`flask search …`: build the index, list searches that found nothing."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from portal.services.search.build import rebuild_search_index
from portal.services.search.query import misses_by_count

search_cli = AppGroup("search", help="Build the search index.")


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
    rows = misses_by_count(limit)
    if not rows:
        click.echo("No searches without results have been recorded.")
    for query, lang, count in rows:
        click.echo(f"{count:5d}  {lang}  {query}")
