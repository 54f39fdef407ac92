"""Texts the portal starts: a family's referral reference and status changes.

Only when the family said texting them is safe, never to a number that opted
out, in their language, and with nothing personal beyond the reference.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, gettext

from portal.clients import twilio_sms
from portal.data import referral_store, sms_store
from portal.data.models import Referral
from portal.services.delivery import segments as sms_format
from portal.services.reading.phone import e164, phone_key

EVENTS = ("new", "decided")


def configured() -> bool:
    config = current_app.config
    return bool(
        config.get("TWILIO_ACCOUNT_SID")
        and config.get("TWILIO_FROM_NUMBER")
        and config.get("TWILIO_AUTH_TOKEN")
    )


def number_for(referral: Referral) -> str | None:
    """The number to text, if the family chose phone or text and said texts are safe."""
    contact = referral.contact or {}
    if contact.get("method") not in ("phone", "text") or contact.get("safe_to_message") is not True:
        return None
    return e164(str(contact.get("phone") or ""))


def wanted(referral: Referral, event: str) -> bool:
    if event not in EVENTS or not configured() or number_for(referral) is None:
        return False
    # A family who asked by text already has their reference in the conversation.
    return not (event == "new" and referral.channel == "sms")


def text_for(referral: Referral, event: str) -> str:
    with force_locale(referral.lang):
        if event == "new":
            text = gettext(
                "Family Help: your request reached the Early Help front door. Reference %(reference)s. "
                "They aim to contact you within 24 hours.",
                reference=referral.reference,
            )
            # A receipt: what they agreed to share and with whom, and how to take it back by text.
            withdraw = gettext("To withdraw it, text WITHDRAW %(reference)s.", reference=referral.reference)
            text = f"{text} {agreed(referral)} {withdraw}"
        else:
            text = gettext(
                "Family Help: the front door has looked at your request %(reference)s. "
                "A worker will contact you as you asked.",
                reference=referral.reference,
            )
    return sms_format.plain(text, referral.lang)


def agreed(referral: Referral) -> str:
    """What the family agreed to share, and with whom, from their consent record (in the
    caller's locale)."""
    consent = referral_store.consent_for(referral)
    if consent is not None and consent.share_with_partners:
        return gettext(
            "You agreed that we send what you told us to the Early Help front door, and that it may "
            "share it with the services it needs to involve."
        )
    return gettext("You agreed that we send what you told us to the Early Help front door only.")


def send(referral: Referral, event: str) -> bool:
    """Send the text; False when it must not be sent now (opted out, texting no longer safe)."""
    to = number_for(referral)
    if to is None or sms_store.opted_out(phone_key(to)):
        return False
    config = current_app.config
    twilio_sms.send(
        config["TWILIO_ACCOUNT_SID"],
        config["TWILIO_AUTH_TOKEN"],
        config.get("TWILIO_API_BASE") or None,
        config["TWILIO_FROM_NUMBER"],
        to,
        text_for(referral, event),
    )
    return True
