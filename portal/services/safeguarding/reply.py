"""What the assistant says when it recognises danger, in the person's language.

Written by the portal, not by Rasa, so it is the same whichever layer found
the danger, it works when Rasa is down, and every number comes from the
content (contacts.yaml) in one place. 999 comes first wherever anyone may be
in danger; then the help that fits each kind of harm found
(docs/safeguarding-taxonomy.md); a child is answered as a child (Childline,
and that it is not their fault); the council's numbers close the reply.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import force_locale, gettext

from portal.services.content.contacts import Contact, council_numbers, current_contacts, phone_of
from portal.services.safeguarding import UNSPECIFIED

# A child's reply leads with Childline for these kinds (harm done to them).
_ABOUT_A_CHILD = {
    "physical_abuse",
    "sexual_abuse",
    "neglect",
    "sexual_exploitation",
    "criminal_exploitation",
    "fgm",
    "forced_marriage",
    "danger_now",
    "domestic_abuse",
    "suicide_self_harm",
    "trafficking",
    "missing_child",
    UNSPECIFIED,
}


def _numbers(contacts: dict[str, Contact]) -> dict[str, str]:
    ceop = contacts.get("ceop")
    return {
        "emergency": phone_of(contacts, "emergency", "999"),
        "samaritans": phone_of(contacts, "samaritans"),
        "shout": phone_of(contacts, "shout"),
        "childline": phone_of(contacts, "childline"),
        "helpline": phone_of(contacts, "domestic_abuse_helpline"),
        "nspcc": phone_of(contacts, "nspcc_helpline"),
        "ceop": (ceop.url or "") if ceop else "",
        "fgm": phone_of(contacts, "nspcc_fgm_helpline"),
        "fmu": phone_of(contacts, "forced_marriage_unit"),
        "slavery": phone_of(contacts, "modern_slavery_helpline"),
        "police": phone_of(contacts, "police_non_emergency", "101"),
        "missing": phone_of(contacts, "missing_people"),
    }


def safety_messages(
    kinds: str | list[str], lang: str, for_child: bool = False, closing: bool = True
) -> list[str]:
    """The safety reply as separate short messages: most urgent first.

    `kinds`: the kinds of danger found (most urgent first), or one kind.
    `for_child`: the writer reads as a child telling us about themselves.
    `closing`: end with "I'm still here" (not when the conversation carries straight on).
    """
    kinds = [kinds] if isinstance(kinds, str) else kinds or [UNSPECIFIED]
    with force_locale(lang):
        contacts = current_contacts()
        numbers = _numbers(contacts)
        messages = [
            gettext("This sounds serious. If anyone is in danger right now, call %(emergency)s.", **numbers)
        ]
        if for_child and any(kind in _ABOUT_A_CHILD for kind in kinds):
            messages.append(
                gettext(
                    "Thank you for telling me. What is happening is not your fault. You can talk to "
                    "Childline "
                    "for free, any time, on %(childline)s. They listen to children and young people and can "
                    "help.",
                    **numbers,
                )
            )
        for kind in kinds:
            messages.extend(line for line in _advice(kind, numbers, for_child) if line not in messages)
        if "front_door" in contacts:
            messages.append(
                gettext(
                    "You can also call the council's Early Help front door on %(phone)s (%(hours)s), "
                    "or the out-of-hours team on %(out_of_hours)s at any other time.",
                    **council_numbers(contacts),
                )
            )
        if closing:
            messages.append(gettext("I'm still here if you want to keep talking."))
    return messages


def _advice(kind: str, numbers: dict[str, str], for_child: bool) -> list[str]:
    written = (line(numbers, for_child) for line in _ADVICE.get(kind, _ADVICE[UNSPECIFIED]))
    return [text for text in written if text]


def _suicide(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If you are thinking about ending your life or hurting yourself, you are not alone. "
        "Call Samaritans free on %(samaritans)s at any time, or text SHOUT to %(shout)s.",
        **n,
    )


def _childline(n: dict[str, str], child: bool) -> str:
    if child:
        return ""  # already said, first
    return gettext("Children and young people can call Childline free on %(childline)s.", **n)


def _abuse(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If you are being hurt or threatened, call %(emergency)s. If you cannot speak, call %(emergency)s, "
        "listen, then press 55. The National Domestic Abuse Helpline is free, day and night: %(helpline)s.",
        **n,
    )


def _high_risk(n: dict[str, str], child: bool) -> str:
    return gettext(
        "It is not your fault. Threats to kill, choking, being followed, leaving or being pregnant make "
        "abuse more dangerous: please talk to the helpline today, and call %(emergency)s if you are afraid "
        "of what happens next.",
        **n,
    )


def _nspcc(n: dict[str, str], child: bool) -> str:
    if child:
        return ""
    return gettext(
        "If you are worried about a child, the NSPCC helpline can advise you and act if the child is in "
        "danger: %(nspcc)s.",
        **n,
    )


def _medical(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If someone is ill or injured and it is an emergency, call %(emergency)s for an ambulance.", **n
    )


def _silent(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If you cannot speak on the phone, call %(emergency)s, listen, then press 55 so they know it is "
        "real.",
        **n,
    )


def _missing(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If a child is missing, call %(emergency)s now. Tell the police their age, what they were "
        "wearing and where they were last seen.",
        **n,
    )


def _runaway(n: dict[str, str], child: bool) -> str:
    return gettext(
        "Missing People can help a young person who has run away, or a family looking for them, by call or "
        "text on %(missing)s (free, day and night).",
        **n,
    )


def _hurt_child(n: dict[str, str], child: bool) -> str:
    return gettext("If a child is being hurt, call %(emergency)s if they are in danger now.", **n)


def _sexual_abuse(n: dict[str, str], child: bool) -> str:
    if child:
        return gettext(
            "Nobody is allowed to touch you in a way that feels wrong, or to make you keep it a secret. "
            "You can tell Childline, a teacher or an adult you trust.",
        )
    return gettext(
        "If a child is being sexually abused, or you think they might be, call %(emergency)s if they are in "
        "danger now. Believe them, and do not ask the person they named about it.",
        **n,
    )


def _neglect(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If a young child is on their own, or the adult looking after them cannot care for them right now, "
        "call %(emergency)s.",
        **n,
    )


def _parent_may_harm(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If you feel you might hurt your child, put them somewhere safe, like their cot, and step away for a "
        "few minutes. Asking for help is the right thing to do. If your child is hurt, call %(emergency)s.",
        **n,
    )


def _parent_support(n: dict[str, str], child: bool) -> str:
    return gettext(
        "You can talk it through now with the NSPCC helpline on %(nspcc)s, or Samaritans on %(samaritans)s "
        "at any time.",
        **n,
    )


def _sexual_exploitation(n: dict[str, str], child: bool) -> str:
    if child:
        return gettext(
            "If someone is asking you for pictures, giving you things for them, or threatening to share "
            "them, "
            "you are not in trouble. Do not pay and do not send more. Report it to CEOP: %(ceop)s",
            **n,
        )
    return gettext(
        "If a child is being groomed, or pressured for sex or for sexual pictures, report it to CEOP: "
        "%(ceop)s . Do not pay or send anything more.",
        **n,
    )


def _criminal_exploitation(n: dict[str, str], child: bool) -> str:
    return gettext(
        "A young person made to carry or sell drugs, or threatened over a debt, is a victim, not a criminal. "
        "Call %(emergency)s if they are in danger now, or %(police)s to tell the police.",
        **n,
    )


def _trafficking(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If someone is forced to work, is not paid, has had their passport taken or cannot leave, the Modern "
        "Slavery & Exploitation Helpline can help, free and day and night: %(slavery)s.",
        **n,
    )


def _fgm(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If a girl may be cut (FGM), or taken abroad for it, call the NSPCC FGM helpline free, day and "
        "night, "
        "on %(fgm)s. If it may happen soon, call %(emergency)s.",
        **n,
    )


def _forced_marriage(n: dict[str, str], child: bool) -> str:
    return gettext(
        "If someone is being made to marry, or threatened or hurt over the family's 'honour', call the "
        "Forced "
        "Marriage Unit on %(fmu)s. If they are in danger or about to be taken abroad, call %(emergency)s.",
        **n,
    )


Line = Callable[[dict[str, str], bool], str]
_ADVICE: dict[str, list[Line]] = {
    "medical_emergency": [_medical],
    "suicide_self_harm": [_suicide, _childline],
    "danger_now": [_silent, _childline],
    "domestic_abuse": [_abuse, _high_risk],
    "missing_child": [_missing, _runaway],
    "physical_abuse": [_hurt_child, _nspcc, _childline],
    "sexual_abuse": [_sexual_abuse, _nspcc, _childline],
    "neglect": [_neglect, _nspcc, _childline],
    "parent_may_harm": [_parent_may_harm, _parent_support],
    "sexual_exploitation": [_sexual_exploitation, _nspcc, _childline],
    "criminal_exploitation": [_criminal_exploitation, _nspcc, _childline],
    "trafficking": [_trafficking],
    "fgm": [_fgm, _childline],
    "forced_marriage": [_forced_marriage, _childline],
    UNSPECIFIED: [_suicide, _abuse, _nspcc, _childline],
}
