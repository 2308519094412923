"""Cancel an intake: nothing is filed, everything collected is forgotten."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.intake_slots import reset_intake


class ActionCancelReport(Action):
    def name(self) -> str:
        return "action_cancel_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_cancelled")
        return [ActiveLoop(None)] + reset_intake()
