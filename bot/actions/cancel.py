"""Leaving or pausing an intake, and messages outside it that were not understood.

Cancel an intake: nothing is filed, everything collected is forgotten.

Cancelling loses the worker's report, so the words must say so: "电话不给了，你先帮我报上去"
(which a classifier can take for a cancel) files now with the gaps marked instead, and a
message with no cancel words in it goes back to the question.
"""

from __future__ import annotations

import re
from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.arrears_form import ValidateArrearsForm, _left_for_staff, _missing_left_for_staff
from bot.actions.intake_slots import reset_intake
from bot.fields import wants_to_file_now, wants_to_skip
from nlu.script import normalise

# How sure the classifier must be, report and facts-of-a-report together, that an unclear message is a report.
REPORT_LIKELY = 0.7
_CANCEL_WORDS = re.compile(
    r"(不报了|不报|取消|算了|不弄了|不搞了|撤回|撤了|不反映了|不投诉了|不举报了|别提交|别报|不提交|"
    r"不用登记|不登记|不要了|全不要|先不|不想反映|拿到了|给了钱|钱到了|结清了)")


# Words that end a conversation for now; a goodbye the classifier reads into a message without them is none.
_GOODBYE_WORDS = re.compile(r"(再见|拜拜|byebye|bye|88|不说了|先这样|回头|下次|有空再|晚点|等会|等一下|明天|走了|"
                            r"谢谢|多谢|辛苦|先忙|挂了|下线|睡了|没空|忙了)", re.IGNORECASE)


class ActionCancelReport(Action):
    def name(self) -> str:
        return "action_cancel_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        text = normalise((tracker.latest_message or {}).get("text") or "")
        if tracker.active_loop.get("name") == "confirm_form" and not _CANCEL_WORDS.search(text):
            return [FollowupAction("confirm_form")]  # "没啥了" at the summary is no cancel: it is read back again
        in_intake = tracker.active_loop.get("name") == "arrears_form"
        if in_intake and (wants_to_file_now(text) or not _CANCEL_WORDS.search(text)):
            if wants_to_file_now(text):
                dispatcher.utter_message(response="utter_file_with_gaps")
                return [*_missing_left_for_staff(tracker, []), FollowupAction("arrears_form")]
            asked = tracker.get_slot("requested_slot")
            if asked and wants_to_skip(text):
                dispatcher.utter_message(response="utter_skip_field")
                return [*_left_for_staff(tracker, asked), FollowupAction("arrears_form")]
            # no cancel words: the answer to the question asked ("没啥了 就是别让他跑了" at "anything else?")
            form = ValidateArrearsForm()
            answer = await form.answer_anyway(dispatcher, tracker, domain, free_text=True)
            answer = answer or form.give_up_when_stuck(dispatcher, tracker)
            return [*answer, FollowupAction("arrears_form")]
        dispatcher.utter_message(response="utter_cancelled")
        return [ActiveLoop(None)] + reset_intake()


class ActionIntakeGoodbye(Action):
    """A goodbye during the intake. "没有了，谢谢你们" at "anything else?" is the last answer, so the
    intake goes on to the summary; any other goodbye pauses it: what was said is kept, and the next
    report message picks it up where it stopped."""

    def name(self) -> str:
        return "action_intake_goodbye"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        text = normalise((tracker.latest_message or {}).get("text") or "")
        if tracker.get_slot("requested_slot") == "extra_info":
            return [SlotSet("extra_info", "无"), FollowupAction("arrears_form")]
        if wants_to_file_now(text):
            dispatcher.utter_message(response="utter_file_with_gaps")
            return [*_missing_left_for_staff(tracker, []), FollowupAction("arrears_form")]
        if not _GOODBYE_WORDS.search(text):  # "啥项目啊 洗车的 没那玩意儿" taken for a goodbye: the answer
            form = ValidateArrearsForm()
            answer = await form.answer_anyway(dispatcher, tracker, domain)
            return [*(answer or form.give_up_when_stuck(dispatcher, tracker)), FollowupAction("arrears_form")]
        dispatcher.utter_message(response="utter_goodbye_unfinished")
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionNotUnderstood(Action):
    """A message the classifier could not place, outside any form. When its best guesses are a report
    or facts of one ("包工头薛金山欠钱 他电话…", split between the two), the intake starts; else the
    worker is asked to say what happened."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        ranking = [item for item in (tracker.latest_message or {}).get("intent_ranking") or []
                   if item.get("name") != "nlu_fallback"][:2]
        if sum(item.get("confidence") or 0 for item in ranking
               if item.get("name") in ("report_arrears", "inform")) >= REPORT_LIKELY:
            dispatcher.utter_message(response="utter_start_report")
            return [FollowupAction("arrears_form")]
        dispatcher.utter_message(response="utter_default")
        return []
