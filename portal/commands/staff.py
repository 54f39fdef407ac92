"""`flask staff …`: front-door staff accounts."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

staff_cli = AppGroup("staff", help="Front-door staff accounts.")


def _create_staff(email: str, name: str, role: str) -> None:
    from portal.services.frontdoor import totp
    from portal.services.frontdoor.staff_auth import StaffError, create_user

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


@staff_cli.command("set-role")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(["worker", "manager", "admin"]), required=True)
def staff_set_role(email: str, role: str) -> None:
    """Change an account's role; its sessions end, so the new role applies at once."""
    from portal.services.frontdoor.staff_auth import StaffError, change_role

    try:
        user = change_role(email, role)
    except StaffError as error:
        click.echo(f"Not changed: {error}.", err=True)
        sys.exit(1)
    click.echo(f"{user.email} is now a {user.role}; their sessions have ended.")


@staff_cli.command("reset-password")
@click.option("--email", required=True)
def staff_reset_password(email: str) -> None:
    """Set a new password (asked for twice); every session of the account ends."""
    from portal.services.frontdoor.staff_auth import StaffError, reset_password

    password = click.prompt("New password (12 characters or more)", hide_input=True, confirmation_prompt=True)
    try:
        user = reset_password(email, password)
    except StaffError as error:
        click.echo(f"Not changed: {error}.", err=True)
        sys.exit(1)
    click.echo(f"New password set for {user.email}; their sessions have ended.")


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
