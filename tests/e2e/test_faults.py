"""Twenty families ask the front door for help while Rasa and the action server are killed at
random moments, and some press Exit just after Send (#15 acceptance).

What must hold: every referral a family was told about arrives exactly once; every family
that stays is told its reference; a family that exits loses nothing it sent; and no
conversation forgets its language or the council's numbers after a restart.
"""

from __future__ import annotations

import random
import re
import threading
import time

import pytest
from flask import Flask

from portal.data import chat_store, draft_store
from portal.data.models import Referral
from portal.extensions import db
from portal.services.conversation import transcript
from tests.support.family import LiveFamily
from tests.support.stack import BotStack, LivePortal, OutboxEntry
from tests.support.waiting import wait_until

REFERENCE = re.compile(r"EH-[A-Z0-9]{3}-[A-Z0-9]{3}")
FAMILIES = 20
FAULTS = ("none", "actions_killed_before", "actions_killed_during", "rasa_down", "exit_after_send")


def _press_payload(family: LiveFamily, prefix: str) -> str:
    payload = next(p for p in family.buttons.values() if p.startswith(prefix))
    return family.say(payload)


def _to_the_check(family: LiveFamily, number: int) -> None:
    """The form answered by buttons and typed answers, as quickly as a family could."""
    family.say("/ref:start")
    _press_payload(family, "/ref:about:children")
    family.say("she's 6")
    _press_payload(family, "/ref:skip")  # names
    family.say("We have no money for food until payday and the children are hungry.")
    _press_payload(family, "/ref:needs:")  # confirm, or pick the first need
    if not any(p.startswith("/ref:contact_method:") for p in family.buttons.values()):
        _press_payload(family, "/ref:needs:done")
    _press_payload(family, "/ref:contact_method:phone")
    family.say(f"07700 900{number:03d}")
    _press_payload(family, "/ref:skip")  # good times
    _press_payload(family, "/ref:safe_to_message:")
    _press_payload(family, "/ref:skip")  # interpreter
    _press_payload(family, "/ref:skip")  # area
    _press_payload(family, "/ref:consent_front_door:yes")
    _press_payload(family, "/ref:consent_partners:")
    assert any(p == "/ref:send" for p in family.buttons.values()), family.last


def _key_of(app: Flask, family: LiveFamily) -> str:
    with app.app_context():
        draft = draft_store.for_conversation(chat_store.conversation_key(family.session))
        assert draft is not None
        return draft.submission_key


def _referrals(app: Flask, family: LiveFamily) -> list[Referral]:
    with app.app_context():
        db.session.expire_all()
        key = chat_store.conversation_key(family.session)
        return list(db.session.execute(db.select(Referral).filter_by(conversation_key=key)).scalars())


def _settled(stack: BotStack, key: str) -> OutboxEntry | None:
    entry = stack.outbox_entry(key)
    return entry if entry is not None and (entry.delivered or entry.refused) else None


def _told(text: str) -> str | None:
    found = REFERENCE.search(text)
    return found.group(0) if found else None


@pytest.mark.e2e
def test_faults_at_random_moments_lose_no_referral_and_no_family(
    live_portal: LivePortal, bot_stack: BotStack
) -> None:
    app = live_portal.app
    rng = random.Random(15)
    # Two Polish families talking before Rasa is restarted, to check their language after.
    polish = [LiveFamily(live_portal.url, "pl") for _ in range(2)]
    for family in polish:
        assert "0151 606 2008" in family.say("chcę porozmawiać z kimś")
    told: dict[int, str] = {}
    exited: dict[int, str] = {}
    told_before_leaving: dict[int, str] = {}
    families: list[LiveFamily] = []
    rasa_restarts = 0
    for number in range(FAMILIES):
        family = LiveFamily(live_portal.url)
        families.append(family)
        _to_the_check(family, number)
        fault = FAULTS[number % len(FAULTS)] if number < len(FAULTS) else rng.choice(FAULTS)
        if fault == "rasa_down" and rasa_restarts >= 2:
            fault = "actions_killed_during"  # each Rasa restart takes ~20 s: two are enough
        key = _key_of(app, family)
        if fault == "actions_killed_before":
            bot_stack.kill_actions()
            said = family.press("Send my request")
            bot_stack.start_actions()
        elif fault == "actions_killed_during":
            killer = threading.Timer(rng.uniform(0.0, 0.4), bot_stack.kill_actions)
            killer.start()
            said = family.press("Send my request")
            killer.join()
            bot_stack.start_actions()
        elif fault == "rasa_down":
            bot_stack.stop_rasa()
            said = family.press("Send my request")
            bot_stack.start_rasa()
            rasa_restarts += 1
        elif fault == "exit_after_send":

            def leave(session: str = family.session) -> None:
                with app.app_context():
                    transcript.forget_referral_draft(session)  # what "Exit this page" does

            exit_soon = threading.Timer(rng.uniform(0.005, 0.03), leave)
            exit_soon.start()
            said = family.press("Send my request")
            exit_soon.join()
            exited[number] = key
            if reference := _told(said):
                told_before_leaving[number] = reference
            continue
        else:
            said = family.press("Send my request")
        if reference := _told(said):
            told[number] = reference

    # Everyone still here carries on until told: pressing Send again if asked to, or just writing.
    for number, family in enumerate(families):
        if number in exited or number in told:
            continue
        deadline = time.monotonic() + 60
        while number not in told and time.monotonic() < deadline:
            if any(p == "/ref:send" for p in family.buttons.values()):
                said = family.press("Send my request")
            else:
                said = family.say("hello, did my request go?")
            if reference := _told(said):
                told[number] = reference
            else:
                time.sleep(1)
        assert number in told, f"family {number} was never told its reference: {family.last}"

    # Every referral told about arrives exactly once, under the reference the family was given.
    for number, reference in told.items():
        found = wait_until(lambda n=number: _referrals(app, families[n]), timeout=30, what="the referral")
        assert [referral.reference for referral in found] == [reference], number
    # A family that exited just after Send: told its reference before it left, the referral arrives
    # once; left before the Send took (Exit deletes an unsent form), nothing arrives later behind
    # its back, and never two.
    for number, key in exited.items():

        def arrived(key: str = key) -> list[Referral]:
            with app.app_context():
                db.session.expire_all()
                return list(db.session.execute(db.select(Referral).filter_by(submission_key=key)).scalars())

        if number in told_before_leaving:
            found = wait_until(arrived, timeout=30, what="the exited family's referral")
            assert [referral.reference for referral in found] == [told_before_leaving[number]], number
        else:
            entry = bot_stack.outbox_entry(key)  # written before the action answered, if it ran
            if entry is None:
                assert arrived() == [], number  # the Send never reached the assistant: nothing owed
            else:
                # The assistant took the Send: Exit must not take it back from the outbox (it did).
                settled = wait_until(lambda key=key: _settled(bot_stack, key), timeout=30, what="the outbox")
                assert settled.refused is None and len(arrived()) == 1, number
    # Rasa was restarted in between: the Polish families are still answered in Polish, with numbers.
    for family in polish:
        again = family.say("czy mogę porozmawiać z kimś?")
        assert "None" not in again and "0151 606 2008" in again and "Zadzwoń" in again
