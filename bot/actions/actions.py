"""Custom actions: each one asks the portal and relays its answer.

The portal decides which needs a message shows, what an answer to the age
or area question means, and which guides and services to suggest, so the
same rules serve the web, SMS and the portal's own tests.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.portal import PortalUnavailable, portal


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

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        message = tracker.latest_message or {}
        payload = {
            **conversation(tracker),
            "text": message.get("text") or "",
            "intent_ranking": message.get("intent_ranking") or [message.get("intent") or {}],
            "needs": tracker.get_slot("needs") or [],
        }
        try:
            answer = portal.post("need", payload)
        except PortalUnavailable:
            # Triage can go on without the portal: keep the intent's own need.
            intent = (message.get("intent") or {}).get("name") or ""
            needs = [intent.removeprefix("need_")] if intent.startswith("need_") else []
            return [SlotSet("needs", needs or payload["needs"])]
        return [SlotSet(name, value) for name, value in (answer.get("slots") or {}).items()]


class ActionSignpost(Action):
    """Show the two or three guides and services that fit best."""

    def name(self) -> str:
        return "action_signpost"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        payload = {
            **conversation(tracker),
            "needs": tracker.get_slot("needs") or [],
            "age_band": tracker.get_slot("age_band"),
            "area": tracker.get_slot("area"),
            "worry_words": tracker.get_slot("worry_words") or "",
        }
        try:
            answer = portal.post("signpost", payload)
        except PortalUnavailable:
            dispatcher.utter_message(response="utter_lookup_failed")
            return []
        for message in answer.get("messages") or []:
            dispatcher.utter_message(text=message.get("text", ""), buttons=message.get("buttons") or [])
        return []


class ValidateTriageForm(FormValidationAction):
    """Understand typed answers ("she's 7", "north") as well as buttons."""

    def name(self) -> str:
        return "validate_triage_form"

    def _understand(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != slot:
            return {}
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if not text or text.startswith("/"):
            return {}
        payload = {
            **conversation(tracker),
            "slot": slot,
            "text": text,
            "intent": (message.get("intent") or {}).get("name"),
        }
        try:
            value = portal.post("understand", payload).get("value")
        except PortalUnavailable:
            value = "any"  # do not trap the family in a question; search without it
        return {slot: value} if value else {}

    def extract_age_band(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._understand("age_band", tracker)

    def extract_area(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._understand("area", tracker)
