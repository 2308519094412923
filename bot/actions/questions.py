"""Short answers about the law and referrals for other labour problems."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.answers import pick_answer


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        dispatcher.utter_message(response=pick_answer(message.get("text"), intent))
        return []
