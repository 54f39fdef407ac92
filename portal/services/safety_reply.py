"""What the assistant says when it recognises danger, in the person's language.

Written by the portal, not by Rasa, so it is the same whichever layer found
the danger, it works when Rasa is down, and every number comes from the
content (contacts.yaml) in one place.
"""

from __future__ import annotations

from flask_babel import force_locale, gettext

from portal.services.contacts import Contact, current_contacts
from portal.services.safeguarding import UNSPECIFIED


def _phone(contacts: dict[str, Contact], slug: str) -> str:
    contact = contacts.get(slug)
    return (contact.phone or contact.text_number or "") if contact else ""


def safety_messages(kinds: str | list[str], lang: str) -> list[str]:
    """The safety reply as separate short messages: most urgent first.

    `kinds`: the kinds of danger found (most urgent first), or one kind.
    """
    kinds = [kinds] if isinstance(kinds, str) else kinds or [UNSPECIFIED]
    with force_locale(lang):
        contacts = current_contacts()
        emergency = _phone(contacts, "emergency") or "999"
        numbers = {
            "emergency": emergency,
            "samaritans": _phone(contacts, "samaritans"),
            "shout": _phone(contacts, "shout"),
            "childline": _phone(contacts, "childline"),
            "helpline": _phone(contacts, "domestic_abuse_helpline"),
        }
        messages = [
            gettext("This sounds serious. If anyone is in danger right now, call %(emergency)s.", **numbers)
        ]
        for kind in kinds:
            messages.extend(line for line in _advice(kind, numbers) if line not in messages)
        front_door = contacts.get("front_door")
        if front_door:
            messages.append(
                gettext(
                    "You can also call the council's Early Help front door on %(phone)s (%(hours)s), "
                    "or the out-of-hours team on %(out_of_hours)s at any other time.",
                    phone=front_door.phone or "",
                    hours=front_door.hours,
                    out_of_hours=_phone(contacts, "out_of_hours"),
                )
            )
        messages.append(gettext("I'm still here if you want to keep talking."))
    return messages


def _advice(kind: str, numbers: dict[str, str]) -> list[str]:
    suicide = gettext(
        "If you are thinking about ending your life or hurting yourself, you are not alone. "
        "Call Samaritans free on %(samaritans)s at any time, or text SHOUT to %(shout)s.",
        **numbers,
    )
    childline = gettext("Children and young people can call Childline free on %(childline)s.", **numbers)
    abuse = gettext(
        "If you are being hurt or threatened, call %(emergency)s. If you cannot speak, call %(emergency)s, "
        "listen, then press 55. The National Domestic Abuse Helpline is free, day and night: %(helpline)s.",
        **numbers,
    )
    advice = {
        "medical_emergency": [
            gettext(
                "If someone is ill or injured and it is an emergency, call %(emergency)s for an ambulance.",
                **numbers,
            )
        ],
        "suicide_self_harm": [suicide, childline],
        "danger_now": [
            gettext(
                "If you cannot speak on the phone, call %(emergency)s, listen, "
                "then press 55 so they know it is real.",
                **numbers,
            ),
            childline,
        ],
        "domestic_abuse_now": [abuse],
        "child_harmed": [
            gettext("If a child is being hurt, call %(emergency)s if they are in danger now.", **numbers),
            childline,
        ],
        "missing_child": [
            gettext(
                "If a child is missing, call %(emergency)s now. Tell the police their age, what they were "
                "wearing and where they were last seen.",
                **numbers,
            )
        ],
        UNSPECIFIED: [suicide, abuse, childline],
    }
    return advice.get(kind, advice[UNSPECIFIED])
