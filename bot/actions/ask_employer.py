"""The employer question, worded for what the worker has said so far."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.fields import is_nickname, is_short_firm_name


class ActionAskEmployerName(Action):
    """Who owes the wages. When the worker named only the boss of a business ("物流公司老板曲长海"),
    ask for the business's name: the business is the employer staff pursue. When they named the boss
    only by a form of address ("孙姐", "覃师傅"), ask for the full name: staff cannot look up a nickname.
    When they named a firm by its short name ("陇原劳务"), ask for the registered name a complaint needs."""

    def name(self) -> str:
        return "action_ask_employer_name"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[str, Any]]:
        contact = tracker.get_slot("employer_contact")
        if contact and is_nickname(contact):
            dispatcher.utter_message(response="utter_ask_employer_full_name", contact=contact)
        elif contact and is_short_firm_name(contact):
            dispatcher.utter_message(response="utter_ask_employer_registered_name", contact=contact)
        elif contact:
            dispatcher.utter_message(response="utter_ask_employer_business", contact=contact)
        else:
            dispatcher.utter_message(response="utter_ask_employer_name")
        return []
