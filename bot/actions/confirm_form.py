"""Read the summary back, take corrections in plain words, then confirm."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.field_validators import FieldValidators, _flag, _previous, slots_set_this_turn
from bot.actions.intake_slots import INTAKE_SLOTS
from bot.fields import FORM_FIELDS, parse_correction
from bot.intake import lead_fields, render_gaps, render_summary

_YES = re.compile(r"^(对|是|是的|对的|没错|没问题|确认|可以|嗯+|好|好的|提交|正确|對|沒錯)[啊呀的吧了!！。.，,]*$")
_CONFIRM_BUTTONS = [{"title": "对，提交", "payload": "对"}, {"title": "不对，要改", "payload": "不对"}]


class ValidateConfirmForm(FieldValidators, FormValidationAction):
    def name(self) -> str:
        return "validate_confirm_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """At the summary's start Rasa reads the last message again ("欠条上写的欠6000" answering
        "anything else?") and would put its raw words back into the fields the intake form had
        already checked; the checked values stand."""
        events = await super().run(dispatcher, tracker, domain)
        if _starting(tracker):
            set_now = {event.get("name") for event in events if event.get("event") == "slot"}
            left = _as_the_intake_left_them(tracker)
            for name in INTAKE_SLOTS:
                checked = left.get(name)
                if name not in set_now and name != "requested_slot" and tracker.get_slot(name) != checked:
                    events.append(SlotSet(name, checked))
        return events

    async def validate_summary_confirmed(self, value: Any, dispatcher: CollectingDispatcher,
                                         tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        text = str(value or "").strip()
        values, corrected = await self._corrections(text, dispatcher, tracker, domain)
        if corrected:
            dispatcher.utter_message(text="好的，已经改过来了。")
            return {**values, "summary_confirmed": None}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if _YES.match(text) or (intent == "affirm" and len(text) <= 10):
            return {**values, "summary_confirmed": True}
        dispatcher.utter_message(response="utter_which_field")
        return {**values, "summary_confirmed": None}

    async def correction_anyway(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> List[EventType]:
        """At the summary, a message that names a field and its new value ("人数不对 是五个 我把我自己忘算了")
        is a correction, whatever the classifier took it for: the slots it changes, or nothing."""
        text = (tracker.latest_message or {}).get("text") or ""
        if tracker.active_loop_name != "confirm_form" or "?" in text or "？" in text or not parse_correction(text):
            return []
        values = await self.validate_summary_confirmed(text, dispatcher, tracker, domain)
        return [SlotSet(name, value) for name, value in values.items()]

    async def _corrections(self, text: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Tuple[Dict[str, Any], bool]:
        """Normalised values of the fields this message touched, and whether any changed.

        Slot extraction has already written the raw words into those slots; a
        value that cannot be used is put back to what the summary showed.
        """
        touched = {name: value for name, value in slots_set_this_turn(tracker).items()
                   if name in FORM_FIELDS and value is not None}
        parsed = parse_correction(text)
        values: Dict[str, Any] = {}
        if parsed:  # "电话错了一位，是139…": only the field named changes (not the head count from 一位)
            # the other fields the words were read into go back to what the summary showed
            values = {name: _previous(tracker, name) for name in touched if name != parsed[0]}
            touched = {parsed[0]: parsed[1]}
        else:  # "说错了，应该是翠湖花园四期": the field whose old value the new one resembles
            touched = {_closest_field(tracker, name, value): value for name, value in touched.items()}
        corrected = False
        for name, value in touched.items():
            before = _previous(tracker, name)
            if name == "phone":
                value = _with_digits_changed(before if before is not None else tracker.get_slot(name), value, text)
            output = await getattr(self, f"validate_{name}")(value, dispatcher, tracker, domain)
            high = f"{name}_high"  # 八千 corrected to 八千多: the same low figure, a new high one
            if output.get(name) is None or (output.get(name) == before
                                            and output.get(high) == _previous(tracker, high)):
                values[name] = before
                continue
            values.update(_flag(tracker, output, name))  # staff see it was corrected
            tracker.slots.update(values)
            corrected = True
        return values, corrected


def _with_digits_changed(before: Any, value: Any, text: str) -> Any:
    """A phone corrected by a few of its digits ("最后四位是2873 不是2837"): the summary's number with those
    digits put in, at the start when the worker says so (前三位), else at the end."""
    digits = re.sub(r"\D", "", str(value or ""))
    if not isinstance(before, str) or not before.isdigit() or not 1 <= len(digits) <= len(before) - 4:
        return value
    if re.search(r"(前|开头)[^\d]{0,6}$", text[:text.find(digits)] if digits in text else ""):
        return digits + before[len(digits):]
    return before[:-len(digits)] + digits


def _starting(tracker: Tracker) -> bool:
    """The summary form is being started this turn (not answering a summary already shown)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == "confirm_form":
            return True
    return False


def _as_the_intake_left_them(tracker: Tracker) -> Dict[str, Any]:
    """The slots' values when the intake form last ended (before Rasa's re-reading of the message)."""
    values: Dict[str, Any] = {}
    ended: Optional[Dict[str, Any]] = None
    for event in tracker.events:
        if event.get("event") == "slot":
            values[event.get("name")] = event.get("value")
        elif event.get("event") == "active_loop" and event.get("name") is None:
            ended = dict(values)  # the latest end of the intake form wins
    return ended if ended is not None else values


_NAMES = ("employer_name", "project_name", "location")


def _closest_field(tracker: Tracker, slot: str, value: Any) -> str:
    """A corrected name goes to the name field whose current value it resembles most."""
    if slot not in _NAMES or not isinstance(value, str):
        return slot

    def likeness(other: str) -> float:
        before = tracker.get_slot(other)
        if not isinstance(before, str) or not before:
            return 0.0
        pairs = lambda text: {text[i:i + 2] for i in range(len(text) - 1)}  # noqa: E731
        a, b = pairs(value), pairs(before)
        return len(a & b) / len(a | b) if a | b else 0.0

    best = max(_NAMES, key=likeness)
    return best if likeness(best) > likeness(slot) + 0.2 else slot


class ActionAskSummaryConfirmed(Action):
    """Asked each time the confirm form needs an answer, so corrections show at once."""

    def name(self) -> str:
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
