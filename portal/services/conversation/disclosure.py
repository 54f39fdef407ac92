"""Disclosure first, questions after.

A parent who writes "my partner hits me" has told us something hard, even if
no one is in danger this minute. Before any triage question they are told what
to do if it happens again, where to get help, and that it is not their fault;
the same for thoughts of self-harm and for a parent at the end of their tether.
Danger happening now is the safeguarding interrupt's job (services/safeguarding);
this is for what is disclosed without it.
"""

from __future__ import annotations

import re

from flask_babel import force_locale, gettext

from portal.services.content.contacts import current_contacts, phone_of
from portal.services.reading.normalise import normalise

_SELF_HARM_THOUGHTS = re.compile(
    normalise(
        r"self[\s-]?harm|hurt(ing)?\s+(my|him|her)self|thoughts?\s+of\s+(dying|death|hurting)|dark\s+thoughts"
        r"|can'?t\s+go\s+on|no\s+point\s+(in\s+)?(anything|living)|want\s+to\s+disappear|hate\s+my\s+life"
        r"|samookalecz|rani\s+sie|nie\s+widze\s+sensu|mysli\s+samob"
        r"|ايذاء\s+نفس|اذيه\s+نفس|افكار\s+انتحار|تعبت\s+من\s+الحياه|ما\s+في\s+فايده"
        r"|самошкод|шкоджу\s+собі|ріже\s+себе|не\s+бачу\s+сенсу|темні\s+думки"
        r"|ma\s+tai|autoranire|nu\s+mai\s+are\s+rost|ganduri\s+negre"
        r"|自残|伤害自己|活着没意思|不想活|轻生"
    )
)
_END_OF_TETHER = re.compile(
    normalise(
        r"end\s+of\s+my\s+(tether|rope)|can'?t\s+cope|cannot\s+cope|breaking\s+point|losing\s+it\s+with"
        r"|at\s+my\s+wits'?\s+end|lose\s+my\s+temper\s+with\s+(him|her|them|the\s+baby)|snap\s+at\s+(him|her|them)"
        r"|nie\s+daje\s+rady|nie\s+radze\s+sobie|na\s+skraju|puszczaja\s+mi\s+nerwy"
        r"|ما\s+عدت\s+اتحمل|مش\s+قادره?\s+اتحمل|انهرت|اعصابي\s+تعبانه"
        r"|не\s+справляюся|на\s+межі|зриваюся|нерви\s+не\s+витримують"
        r"|nu\s+mai\s+pot|nu\s+mai\s+fac\s+fata|la\s+capatul\s+puterilor|imi\s+pierd\s+rabdarea"
        r"|崩溃|受不了了|撑不下去|快疯了|控制不住脾气"
    )
)


def first_lines(text: str, message_needs: list[str], lang: str) -> list[str]:
    """The lines to say before any question, for what this message discloses (or none).

    `message_needs`: the needs this message is about, most likely first.
    """
    plain = normalise(text or "")
    if not plain:
        return []
    with force_locale(lang):
        contacts = current_contacts()
        lines: list[str] = []
        if message_needs[:1] == ["domestic_abuse"]:
            lines.append(
                gettext(
                    "Thank you for telling me. What is happening is not your fault. If it happens again or "
                    "you "
                    "are afraid, call 999. If you cannot speak, call 999, listen, then press 55. The "
                    "National "
                    "Domestic Abuse Helpline is free, day and night: %(helpline)s.",
                    helpline=phone_of(contacts, "domestic_abuse_helpline"),
                )
            )
        if _SELF_HARM_THOUGHTS.search(plain):
            lines.append(
                gettext(
                    "If you ever feel you might act on these thoughts, call 999. You can talk to Samaritans "
                    "free "
                    "on %(samaritans)s at any time, or text SHOUT to %(shout)s. Young people can call "
                    "Childline "
                    "on %(childline)s.",
                    samaritans=phone_of(contacts, "samaritans"),
                    shout=phone_of(contacts, "shout"),
                    childline=phone_of(contacts, "childline"),
                )
            )
        if _END_OF_TETHER.search(plain):
            lines.append(
                gettext(
                    "It is OK to find this hard, and asking for help is the right thing to do. If you feel "
                    "you "
                    "might lose control, put your child somewhere safe and step away for a few minutes. You "
                    "can "
                    "call the NSPCC helpline on %(nspcc)s or Samaritans on %(samaritans)s.",
                    nspcc=phone_of(contacts, "nspcc_helpline"),
                    samaritans=phone_of(contacts, "samaritans"),
                )
            )
        return lines
