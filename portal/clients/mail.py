"""Sending one email over SMTP (the front door's inbox).

A connection per message: referrals are a few a day, and a fresh connection
means one bad message or a dropped connection cannot spoil the next one.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str
    password: str
    starttls: bool
    timeout: float


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    """Hand the message to the SMTP server; raises (smtplib.SMTPException, OSError) if it was not taken."""
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            # Certificates and host names are checked: a server we cannot verify gets nothing.
            smtp.starttls(context=ssl.create_default_context())
        if settings.username:
            smtp.login(settings.username, settings.password)
        refused = smtp.send_message(message)
    if refused:
        raise smtplib.SMTPRecipientsRefused(refused)
