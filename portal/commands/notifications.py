"""`flask notifications send | run | status`: the worker that tells the front door about referrals."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from datetime import datetime, timedelta
from types import FrameType

import click
from flask import current_app
from flask.cli import AppGroup

from portal.services.delivery import notifications
from portal.services.referrals import handover

logger = logging.getLogger(__name__)

notifications_cli = AppGroup("notifications", help="Emails and webhooks to the front door about referrals.")


def _channels_line() -> str:
    on = notifications.enabled_channels()
    email = "email on" if "email" in on else "email off (FRONT_DOOR_EMAIL unset)"
    hook = "webhook on" if "webhook" in on else "webhook off (CASE_WEBHOOK_URL unset)"
    return f"{email}, {hook}"


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours < 48 else f"{hours // 24} days"


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "now"


@notifications_cli.command("send")
@click.option("--retry-now", is_flag=True, help="Try every unsent one now, even if its wait has not passed.")
def notifications_send(retry_now: bool) -> None:
    """Send what is due, once, and print the counts."""
    if retry_now:
        click.echo(f"Retrying {notifications.retry_now()} unsent notification(s) now.")
    report = notifications.deliver_pending()
    click.echo(f"Notifications: {report}.")


@notifications_cli.command("run")
@click.option("--interval", type=click.FloatRange(min=0.1), default=None, help="Seconds between passes.")
def notifications_run(interval: float | None) -> None:
    """Send notifications every NOTIFY_INTERVAL seconds until stopped (Ctrl-C or SIGTERM).

    Stopping lets the message being sent finish, so nothing is left half-sent; a second
    Ctrl-C stops at once (the row being sent is retried after a few minutes).
    """
    every = float(interval or current_app.config.get("NOTIFY_INTERVAL") or 15)
    stop = threading.Event()

    def ask_to_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    click.echo(f"Notifier: {_channels_line()}; a pass every {every:g} s. Ctrl-C stops.")
    try:
        while not stop.is_set():
            try:
                report = notifications.deliver_pending(stop=stop.is_set)
            except Exception:  # the database is down, say: try again next pass
                logger.exception("Notification pass failed; trying again in %g s", every)
                notifications.forget_failed_pass()
            else:
                if report.sent or report.failed:
                    click.echo(f"Notifications: {report}.")
            stop.wait(every)
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo("Notifier stopped.")


@notifications_cli.command("status")
def notifications_status() -> None:
    """Unsent notifications, the oldest one's age, and the stuck ones (exit status 1 if any);
    and referrals families sent that never arrived from the assistant (exit status 1 too)."""
    now = notifications.now()
    rows = notifications.unsent(now)
    click.echo(f"Channels: {_channels_line()}.")
    lost = handover.stuck_count()
    refused = handover.refused_lately()
    if refused:
        click.echo(
            f"Refused hand-overs in the last day: {refused} (the assistant offered a referral the portal "
            "would not take: an unknown key, no consent, or a payload it refused; see the portal's log)."
        )
    if lost:
        minutes = int(handover.STUCK_AFTER.total_seconds() // 60)
        click.echo(
            f"STUCK: {lost} referral(s) sent by families more than {minutes} minutes ago have not "
            "arrived from the assistant's action server. Check its outbox and its log "
            "(docs/operations.md).",
            err=True,
        )
    if not rows:
        click.echo("Every notification has been sent.")
        sys.exit(1 if lost else 0)
    oldest = min(row.queued_at for row in rows)
    click.echo(f"Unsent notifications: {len(rows)}; the oldest was queued {_age(now - oldest)} ago.")
    stuck = [row for row in rows if row.stuck]
    if not stuck:
        click.echo("None is stuck: they will go on the next passes of `flask notifications run`.")
        sys.exit(1 if lost else 0)
    click.echo(
        f"STUCK: {len(stuck)} notification(s) unsent for {notifications.STUCK_AGE.seconds // 60} minutes "
        f"or after {notifications.STUCK_ATTEMPTS} tries. The front door may not know about these "
        "referrals: tell them, and fix the cause (docs/operations.md).",
        err=True,
    )
    for row in stuck:
        click.echo(
            f"  STUCK #{row.id} {row.channel} {row.event} {row.reference}: {row.attempts} tries, "
            f"queued {_age(now - row.queued_at)} ago, next try {_when(row.next_attempt_at)}, "
            f"last error: {row.last_error or 'none (never tried: is the notifier running?)'}",
            err=True,
        )
    sys.exit(1)
