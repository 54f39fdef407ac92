"""What the family is told about their referral, in their language."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from portal.data.models import Referral
from portal.services.content.contacts import current_contacts, phone_of
from portal.services.delivery.texts import agreed
from portal.services.referrals.form import public_link


def sent(referral: Referral) -> str:
    """The family's receipt: the reference, what they agreed to share and with whom, what
    happens next and by when (the clock comes from content), and how to withdraw."""
    with force_locale(referral.lang):
        contacts = current_contacts()
        front_door = contacts.get("front_door")
        hours = front_door.response_hours if front_door and front_door.response_hours else 24
        sent_text = gettext(
            "Thank you. Your request has reached the Early Help front door. Your reference is "
            "%(reference)s. A worker will read it and decide with you what happens next: they aim to "
            "contact you within %(hours)s hours, in the way you chose. If you change your mind, you can "
            "withdraw it at %(link)s using your reference.",
            reference=referral.reference,
            hours=hours,
            link=public_link(referral.lang, "/withdraw"),
        )
        tonight = gettext(
            "If it cannot wait, call the out-of-hours team tonight on %(out_of_hours)s. If anyone is in "
            "danger, call 999.",
            out_of_hours=phone_of(contacts, "out_of_hours"),
        )
        return f"{sent_text} {agreed(referral)} {tonight}"


def arrived_later(referral: Referral) -> str:
    """For a request that waited in the outbox: told on the family's next message."""
    with force_locale(referral.lang):
        return gettext(
            "Good news: your request has now reached the Early Help front door. Your reference is "
            "%(reference)s.",
            reference=referral.reference,
        )
