"""The `flask` commands, one module per area. Like views, they call services only."""

from __future__ import annotations

from flask import Flask

from portal.commands.chat import chat_cli
from portal.commands.content import content_cli
from portal.commands.notifications import notifications_cli
from portal.commands.records import records_cli
from portal.commands.referrals import referrals_cli
from portal.commands.safeguarding import safeguarding_cli
from portal.commands.search import search_cli
from portal.commands.staff import staff_cli


def init_app(app: Flask) -> None:
    for group in (
        content_cli,
        search_cli,
        chat_cli,
        staff_cli,
        notifications_cli,
        referrals_cli,
        records_cli,
        safeguarding_cli,
    ):
        app.cli.add_command(group)
