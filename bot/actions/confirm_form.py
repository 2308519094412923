"""Read the summary back, take corrections in plain words, then confirm."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.field_validators import FieldValidators
from bot.fields import FORM_FIELDS, parse_correction
from bot.intake import lead_fields, render_gaps, render_summary

_YES = re.compile(r"^(对|是|是的|对的|没错|没问题|确认|可以|嗯+|好|好的|提交|正确|對|沒錯)[啊呀的吧了!！。.，,]*$")
_CONFIRM_BUTTONS = [{"title": "对，提交", "payload": "对"}, {"title": "不对，要改", "payload": "不对"}]


class ValidateConfirmForm(FieldValidators, FormValidationAction):
    def name(self) -> Text:
        return "validate_confirm_form"

    async def validate_summary_confirmed(self, value: Any, dispatcher: CollectingDispatcher,
                                         tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        text = str(value or "").strip()
        corrections = await self._corrections(text, dispatcher, tracker, domain)
        if corrections:
            dispatcher.utter_message(text="好的，已经改过来了。")
            return {**corrections, "summary_confirmed": None}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if _YES.match(text) or (intent == "affirm" and len(text) <= 10):
            return {"summary_confirmed": True}
        dispatcher.utter_message(response="utter_which_field")
        return {"summary_confirmed": None}

    async def _corrections(self, text: str, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """Field values changed by this message, normalised."""
        changed = {name: value for name, value in tracker.slots_to_validate().items()
                   if name in FORM_FIELDS and value is not None}
        if not changed:
            parsed = parse_correction(text)
            if parsed:
                changed = {parsed[0]: parsed[1]}
        result: Dict[str, Any] = {}
        for name, value in changed.items():
            validate = getattr(self, f"validate_{name}")
            output = await validate(value, dispatcher, tracker, domain)
            if output.get(name) is not None:
                result.update(output)
                tracker.slots.update(output)
        return result


class ActionAskSummaryConfirmed(Action):
    """Asked each time the confirm form needs an answer, so corrections show at once."""

    def name(self) -> Text:
        return "action_ask_summary_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        fields = lead_fields(tracker.current_slot_values())
        dispatcher.utter_message(text=render_summary(fields))
        gaps = render_gaps(fields["acceptance_gaps"])
        if gaps:
            dispatcher.utter_message(text=gaps)
        dispatcher.utter_message(
            text="以上信息对吗？对的话回复“对”，我就提交；哪里不对直接告诉我正确的内容。",
            buttons=_CONFIRM_BUTTONS,
        )
        return []
