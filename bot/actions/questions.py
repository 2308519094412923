"""Short answers about the law and referrals for other labour problems, and off-topic replies; during the
intake a message the classifier took for one of these but that answers the question asked is kept as the
answer (the form's validation does not run after these rules)."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.arrears_form import ValidateArrearsForm
from bot.actions.confirm_form import ValidateConfirmForm
from bot.answers import pick_answer


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        if answer := await ValidateArrearsForm().answer_anyway(dispatcher, tracker, domain):
            return answer  # "没项目 我在袜厂踩缝纫机" taken for another labour issue: the project answer
        if correction := await ValidateConfirmForm().correction_anyway(dispatcher, tracker, domain):
            return correction  # "人数不对 是五个 我把我自己忘算了" at the summary: a correction
        dispatcher.utter_message(response=pick_answer(message.get("text"), intent))
        return ValidateArrearsForm().give_up_when_stuck(dispatcher, tracker)


class ActionOffTopic(Action):
    def name(self) -> str:
        return "action_off_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if answer := await ValidateArrearsForm().answer_anyway(dispatcher, tracker, domain):
            return answer  # "高拴牢" taken for off-topic when the name was asked
        if correction := await ValidateConfirmForm().correction_anyway(dispatcher, tracker, domain):
            return correction
        dispatcher.utter_message(response="utter_out_of_scope")
        return ValidateArrearsForm().give_up_when_stuck(dispatcher, tracker)
