"""Validation of the intake form: normalise each answer, infer the sector."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.field_validators import FieldValidators
from bot.fields import infer_sector
from bot.intake import NOT_GIVEN, UNKNOWN


class ValidateArrearsForm(FieldValidators, FormValidationAction):
    def name(self) -> str:
        return "validate_arrears_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        # The sector question is asked only when the words so far do not tell.
        if tracker.get_slot("sector") is None and not _sets(events, "sector"):
            sector = infer_sector(" ".join(_user_texts(tracker)))
            if sector:
                events.insert(0, SlotSet("sector", sector))
        return events

    async def required_slots(self, domain_slots: List[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[str]:
        """A factory, shop, restaurant or household worker who named the workplace has no project to give."""
        sector = tracker.get_slot("sector") or infer_sector(" ".join(_user_texts(tracker)))
        employer = tracker.get_slot("employer_name")
        named = employer not in (None, UNKNOWN, NOT_GIVEN)
        if sector == "other" and named and tracker.get_slot("project_name") is None:
            return [slot for slot in domain_slots if slot != "project_name"]
        return domain_slots


def _sets(events: List[Dict[str, Any]], slot: str) -> bool:
    return any(e.get("event") == "slot" and e.get("name") == slot and e.get("value") is not None
               for e in events)


def _user_texts(tracker: Tracker) -> List[str]:
    """What the worker wrote since this intake started."""
    texts: List[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            texts.append(event.get("text") or "")
        if event.get("event") == "active_loop" and event.get("name") is None and texts:
            break
    return texts
