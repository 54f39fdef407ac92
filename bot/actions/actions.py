"""Custom actions: each one asks the portal and relays its answer.

The portal decides which needs a message shows and which guides and services
to suggest, so the same rules serve the web, SMS and the portal's own tests.
Typed answers to the age and area questions are read by the portal before the
message reaches Rasa (services/conversation/gateway.py), so the form needs no validation
action: fewer action-server calls per turn (benchmarks/README.md).
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.outbox import Outbox, start_delivery
from actions.portal import PortalRefused, PortalUnavailable, is_submission_key, portal

log = logging.getLogger(__name__)


async def ask_portal(path: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Call the portal without blocking the action server's event loop, so one
    slow answer does not hold up every other conversation."""
    return await asyncio.to_thread(portal.post, path, payload)


def conversation(tracker: Tracker) -> dict[str, Any]:
    """What every portal call needs to know about the conversation."""
    return {
        "lang": tracker.get_slot("language") or "en",
        "channel": tracker.get_slot("channel") or "web",
    }


class ActionNoteNeed(Action):
    """Record the need (or needs) the latest message is about."""

    def name(self) -> str:
        return "action_note_need"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        payload = {
            **conversation(tracker),
            "text": message.get("text") or "",
            "intent_ranking": message.get("intent_ranking") or [message.get("intent") or {}],
            "needs": tracker.get_slot("needs") or [],
        }
        try:
            answer = await ask_portal("need", payload)
        except PortalUnavailable:
            # Triage can go on without the portal: keep the intent's own need.
            intent = (message.get("intent") or {}).get("name") or ""
            needs = [intent.removeprefix("need_")] if intent.startswith("need_") else []
            return [SlotSet("needs", needs or payload["needs"])]
        # What the message disclosed is answered before the next question (the portal decides).
        for message in answer.get("messages") or []:
            dispatcher.utter_message(text=message.get("text", ""))
        return [SlotSet(name, value) for name, value in (answer.get("slots") or {}).items()]


class ActionSignpost(Action):
    """Show the two or three guides and services that fit best."""

    def name(self) -> str:
        return "action_signpost"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        payload = {
            **conversation(tracker),
            "needs": tracker.get_slot("needs") or [],
            "age_band": tracker.get_slot("age_band"),
            "area": tracker.get_slot("area"),
            "worry_words": tracker.get_slot("worry_words") or "",
        }
        try:
            answer = await ask_portal("signpost", payload)
        except PortalUnavailable:
            dispatcher.utter_message(response="utter_lookup_failed")
            return []
        for message in answer.get("messages") or []:
            dispatcher.utter_message(text=message.get("text", ""), buttons=message.get("buttons") or [])
        return []


outbox = Outbox()
if os.environ.get("ACTION_OUTBOX_DELIVERY", "on") == "on":
    start_delivery(outbox, portal, float(os.environ.get("OUTBOX_RETRY_SECONDS", "10")))


class ActionSubmitReferral(Action):
    """Send the family's finished referral form to the front door, or keep it safe until we can.

    Without a submission key (someone typed "I want to make a referral") it offers
    the form: a misread message must not drop anyone into a form unasked.
    """

    def name(self) -> str:
        return "action_submit_referral"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        key = next(tracker.get_latest_entity_values("submission_key"), None)
        if not key:
            dispatcher.utter_message(response="utter_offer_referral")
            return []
        if not is_submission_key(key):
            # Not one the portal made (the portal passes only buttons it offered, so this is a
            # forged message): never into the outbox or a URL.
            log.warning("submit_referral: refused a malformed submission key")
            return []
        await asyncio.to_thread(outbox.add, key)  # on disk before anything is promised
        try:
            answer = await asyncio.to_thread(portal.submit_draft, key)
        except PortalRefused as error:
            # Nothing was stored; the portal tells the family and keeps their answers.
            await asyncio.to_thread(outbox.refused, key, str(error))
            return []
        except PortalUnavailable:
            dispatcher.utter_message(response="utter_referral_waiting")
            dispatcher.utter_message(json_message={"referral_queued": True})
            return []
        await asyncio.to_thread(outbox.delivered, key)
        dispatcher.utter_message(text=str(answer.get("message") or ""))
        return []
