"""Which script the worker writes in, so replies can follow it (bot/replies.py)."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


class ActionDetectScript(Action):
    """Runs on every message (a custom slot mapping). Traditional is sticky:
    digits or a Simplified-looking word later do not switch the replies back."""

    def name(self) -> str:
        return "action_detect_script"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if (tracker.latest_message or {}).get("script") == "traditional":
            if tracker.get_slot("script") != "traditional":
                return [SlotSet("script", "traditional")]
        return []
