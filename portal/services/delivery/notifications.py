"""Telling the front door about referrals: an email to its inbox and, optionally, a signed
webhook to the council's case system.

Rows are queued in the transaction that makes the change they report (a referral arrives,
a family withdraws), so a stored referral always has its notifications and a rolled-back
one never sends any. A worker (`flask notifications run`) sends them; a failure is retried
with growing pauses for ever, and `flask notifications status` names the stuck ones:
nothing is dropped silently.

Neither message carries personal details. Email passes through servers the council does
not control and sits in shared inboxes, on phones and in forwarding rules; the message
only says which referral, how urgent, and where to read it (the portal, behind sign-in).
"""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

import requests
from flask import current_app
from flask_babel import force_locale

from portal.clients import mail, webhook
from portal.data import notification_store
from portal.data.models import Notification, Referral, as_utc, utcnow
from portal.i18n import LANGUAGES
from portal.log_privacy import scrub
from portal.services.delivery import texts as sms_outbound
from portal.taxonomy import NEEDS_BY_KEY

logger = logging.getLogger(__name__)

EVENTS = ("new", "withdrawn", "decided")
FRONT_DOOR_EVENTS = ("new", "withdrawn")  # what the inbox and the case system hear about
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
# How long a worker holds a row it is sending; if it dies, the row is due again after this.
LEASE = timedelta(minutes=5)
# Unsent after this many tries, or this long after it was queued: someone should look.
STUCK_ATTEMPTS = 5
STUCK_AGE = timedelta(minutes=15)
CHANNEL_NAMES = {"web": "web chat (the assistant)", "sms": "text message (SMS)"}


class NotificationError(RuntimeError):
    """A notification that cannot be sent as things stand (missing settings, no referral)."""


@dataclass(frozen=True)
class DeliveryReport:
    """One pass: `waiting` counts unsent rows the pass did not try (not due yet, or left for later)."""

    sent: int
    failed: int
    waiting: int

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.failed} failed, {self.waiting} waiting"


@dataclass(frozen=True)
class Unsent:
    id: int
    reference: str
    channel: str
    event: str
    attempts: int
    queued_at: datetime
    next_attempt_at: datetime | None
    last_error: str | None
    stuck: bool


def enabled_channels() -> list[str]:
    config = current_app.config
    return [
        channel
        for channel, setting in (("email", "FRONT_DOOR_EMAIL"), ("webhook", "CASE_WEBHOOK_URL"))
        if config.get(setting)
    ]


def queue_for(referral: Referral, event: str) -> None:
    """Queue this event for every configured channel, without committing.

    The caller commits, so the notification is written with the change it reports or not at
    all. The referral must have been flushed (it needs its id).
    """
    if event not in EVENTS:
        raise ValueError(f"event must be one of {EVENTS}, not {event!r}")
    if referral.id is None:
        raise ValueError("flush the referral before queueing its notifications")
    now = utcnow()
    channels = enabled_channels() if event in FRONT_DOOR_EVENTS else []
    if sms_outbound.wanted(referral, event):
        channels.append("sms")  # the family's own text (reference, status), when they said it is safe
    for channel in channels:
        notification_store.add(
            Notification(
                referral_id=referral.id,
                channel=channel,
                event=event,
                created_at=now,
                attempts=0,
                next_attempt_at=now,
            )
        )


def now() -> datetime:
    """The clock notifications are queued and judged by (UTC, as stored)."""
    return utcnow()


def forget_failed_pass() -> None:
    """After a pass that failed (the database went away): drop its half-done work."""
    notification_store.rollback()


def queue_new(referral: Referral) -> None:
    """What a new referral's notifications are: passed to the data layer, which commits them
    with the referral."""
    queue_for(referral, "new")


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd, 4th … failure, then hourly for ever."""
    return min(FIRST_RETRY * 2 ** min(max(attempts, 1) - 1, 10), LONGEST_RETRY)


def deliver_pending(
    now: datetime | None = None, limit: int = 50, stop: Callable[[], bool] | None = None
) -> DeliveryReport:
    """Send what is due, at most `limit` rows; `stop()` returning true ends the pass early.

    After a failure on one channel the pass leaves that channel's other rows for the next
    pass, so an SMTP server that is down costs one timeout per pass, not one per row.
    """
    now = now or utcnow()
    sent = failed = 0
    broken: set[str] = set()
    for _ in range(limit):
        if stop is not None and stop():
            break
        notification = notification_store.claim_next(now, now + LEASE, broken)
        if notification is None:
            break
        label = f"#{notification.id} ({notification.channel}, {notification.event})"
        try:
            _deliver(notification)
        except Exception as error:
            notification_store.rollback()
            failed += 1
            broken.add(notification.channel)
            reason = short_error(error)
            retry_at = now + retry_delay((notification.attempts or 0) + 1)
            notification_store.mark_failed(notification, reason, retry_at)
            if isinstance(error, _EXPECTED):
                logger.warning("Notification %s not sent, retrying at %s: %s", label, retry_at, reason)
            else:
                logger.exception("Notification %s failed unexpectedly, retrying at %s", label, retry_at)
        else:
            notification_store.mark_sent(notification)
            sent += 1
            logger.info("Notification %s sent", label)
    return DeliveryReport(sent, failed, max(notification_store.count_unsent() - failed, 0))


def retry_now(now: datetime | None = None) -> int:
    """Make every unsent notification due now, rather than at the end of its wait."""
    return notification_store.make_due(now or utcnow())


def unsent(now: datetime | None = None) -> list[Unsent]:
    """Every notification not yet sent, oldest first, each marked stuck or not."""
    now = now or utcnow()
    return [
        Unsent(
            id=n.id,
            reference=reference,
            channel=n.channel,
            event=n.event,
            attempts=n.attempts or 0,
            queued_at=as_utc(n.created_at),
            next_attempt_at=as_utc(n.next_attempt_at) if n.next_attempt_at else None,
            last_error=n.last_error,
            stuck=(n.attempts or 0) >= STUCK_ATTEMPTS or now - as_utc(n.created_at) >= STUCK_AGE,
        )
        for n, reference in notification_store.unsent()
    ]


def referral_link(reference: str) -> str:
    return f"{current_app.config.get('PUBLIC_URL') or ''}/frontdoor/referrals/{reference}"


def email_for(notification: Notification, referral: Referral) -> EmailMessage:
    """The email for one notification: what the front door needs to act, no personal details.

    Built only from the reference, time, need labels, language, channel and the flag, never
    from own words, names, contact details or area, so nothing personal can leak into it.
    """
    config = current_app.config
    recipient, sender = config.get("FRONT_DOOR_EMAIL"), config.get("MAIL_FROM")
    if not recipient or not sender:
        raise NotificationError("FRONT_DOOR_EMAIL or MAIL_FROM is not set")
    reference = referral.reference
    flagged = bool(referral.safeguarding_flag)
    prefix = "[SAFEGUARDING] " if flagged else ""
    received = as_utc(referral.created_at).strftime("%Y-%m-%d %H:%M UTC")
    link = referral_link(reference)
    if notification.event == "new":
        subject = f"{prefix}New Early Help referral {reference}"
        language = LANGUAGES.get(referral.lang)
        lines = [
            "A family has asked the Early Help front door for help.",
            "",
            f"Reference:     {reference}",
            f"Received:      {received}",
            f"Needs:         {_need_labels(referral.needs) or 'none chosen'}",
            f"Language:      {language.english_name if language else referral.lang}",
            f"Channel:       {CHANNEL_NAMES.get(referral.channel, referral.channel)}",
            "Safeguarding:  "
            + (
                "FLAGGED - the conversation it came from raised a safeguarding concern. Read it first."
                if flagged
                else "not flagged"
            ),
            "",
            "Read the referral (sign-in needed):",
            link,
        ]
    elif notification.event == "withdrawn":
        subject = f"{prefix}Referral {reference} withdrawn by the family — their details have been removed"
        lines = [
            f"Referral {reference} withdrawn by the family — their details have been removed.",
            "",
            f"Received:      {received}",
        ]
        if flagged:
            lines.append("Safeguarding:  FLAGGED - withdrawal does not end a safeguarding concern.")
        lines += ["", "What is kept (reference, needs, dates, history) is in the portal:", link]
    else:
        raise NotificationError(f"unknown event {notification.event!r}")
    lines += [
        "",
        "This email holds no personal details on purpose: email is not a safe place for them.",
        "Read them in the portal.",
    ]
    # Subjects stay on one line (RFC 5322 allows 998 characters): Python's folding of a subject
    # holding "—" adds a space that mail clients show.
    message = EmailMessage(policy=policy.SMTP.clone(max_line_length=998))
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(utcnow())
    domain = parseaddr(sender)[1].rpartition("@")[2] or "familyhelp.invalid"
    # The same id on a resend, so mail systems can spot a duplicate (delivery is at least once).
    message["Message-ID"] = f"<familyhelp-notification-{notification.id}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    if flagged:
        message["Importance"] = "high"
    message.set_content("\n".join(lines) + "\n", cte="quoted-printable")  # readable when raw
    return message


def webhook_body(notification: Notification, referral: Referral) -> bytes:
    """The JSON the case system receives: the same facts as the email, need keys not labels."""
    payload: dict[str, Any] = {
        "event": notification.event,
        "reference": referral.reference,
        "safeguarding_flag": bool(referral.safeguarding_flag),
        "needs": list(referral.needs or []),
        "received_at": as_utc(referral.created_at).isoformat(timespec="seconds"),
        "url": referral_link(referral.reference),
    }
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")


def short_error(error: BaseException) -> str:
    """What went wrong, short enough to store and free of addresses or personal data."""
    if isinstance(error, requests.RequestException):
        # Their messages repeat the URL, which may carry a token.
        text = type(error).__name__
    elif isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else ""
        text = f"{type(error).__name__}: {error.smtp_code} {reply}"
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "SMTPRecipientsRefused: the front-door address was refused"
    elif isinstance(error, OSError) and error.strerror:
        text = f"{type(error).__name__}: {error.strerror}"
    else:
        text = f"{type(error).__name__}: {error}"
    return scrub(" ".join(text.split()))[:200]


_EXPECTED = (
    NotificationError,
    smtplib.SMTPException,
    OSError,
    requests.RequestException,
    webhook.WebhookRefused,
)


def _need_labels(needs: list[str] | None) -> str:
    with force_locale("en"):  # the front door works in English
        return "; ".join(str(NEEDS_BY_KEY[key].label) if key in NEEDS_BY_KEY else key for key in needs or [])


def _deliver(notification: Notification) -> None:
    referral = notification_store.referral_of(notification)
    if referral is None:
        raise NotificationError("the referral is not in the database")
    config = current_app.config
    timeout = float(config.get("NOTIFY_TIMEOUT") or 10)
    if notification.channel == "email":
        settings = mail.SmtpSettings(
            host=config.get("SMTP_HOST") or "localhost",
            port=int(config.get("SMTP_PORT") or 25),
            username=config.get("SMTP_USERNAME") or "",
            password=config.get("SMTP_PASSWORD") or "",
            starttls=bool(config.get("SMTP_STARTTLS")),
            timeout=timeout,
        )
        mail.send(email_for(notification, referral), settings)
    elif notification.channel == "webhook":
        url, secret = config.get("CASE_WEBHOOK_URL"), config.get("CASE_WEBHOOK_SECRET")
        if not url or not secret:
            raise NotificationError("CASE_WEBHOOK_URL or CASE_WEBHOOK_SECRET is not set")
        webhook.post(url, secret, webhook_body(notification, referral), timeout)
    elif notification.channel == "sms":
        if not sms_outbound.send(referral, notification.event):
            logger.info("Notification #%s (sms) not sent: opted out or no longer safe", notification.id)
    else:
        raise NotificationError(f"unknown channel {notification.channel!r}")
