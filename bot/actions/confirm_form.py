"""Read the summary back, take corrections in plain words, then confirm."""

from __future__ import annotations

import copy
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot import fields as rules
from bot.actions.field_validators import FieldValidators, _flag, _previous, slots_set_this_turn
from bot.actions.intake_slots import INTAKE_SLOTS
from bot.fields import FIELD_LABELS, FORM_FIELDS, parse_correction, wants_to_file_now
from bot.intake import NOT_GIVEN, SUMMARY_OPENING, UNKNOWN, lead_fields, render_gaps, render_summary
from nlu.patterns import NEGATED_BEFORE
from nlu.script import normalise

_YES = re.compile(r"^(对|是|是的|对的|没错|没问题|确认|可以|嗯+|好|好的|提交|正确|對|沒錯)[啊呀的吧了!！。.，,]*$")
_BARE_NO = re.compile(r"^((不对|不是|错了|有错|不正确|改一下|要改)[啊呀的吧了!！。.，,\s]*)+$")
MAX_KEPT = 500  # characters of the worker's own corrections kept for staff
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
        values, corrected, unchanged = await self._corrections(text, dispatcher, tracker, domain)
        if corrected:
            dispatcher.utter_message(text="好的，已经改过来了。")
            return {**values, "summary_confirmed": None}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if _YES.match(text) or (intent == "affirm" and len(text) <= 10) or wants_to_file_now(text):
            return {**values, "summary_confirmed": True}  # (nothing corrected: "没问题 就这样提交吧 麻烦你们了")
        if _same_read_back_twice(tracker):
            # a third identical read-back would be a loop: the words are kept for staff, the field marked, and
            # the report filed rather than lost
            dispatcher.utter_message(response="utter_correction_for_staff")
            named = parse_correction(text)
            if named and named[0] in FORM_FIELDS:
                values.update(_flag(tracker, {}, named[0]))
            return {**values, "extra_info": _kept(tracker, text), "summary_confirmed": True}
        if unchanged:  # "人数说错了 是六个" when six is already shown: say so rather than ask which field
            dispatcher.utter_message(response="utter_already_so", field=FIELD_LABELS[unchanged[0]])
            return {**values, "summary_confirmed": None}
        if _BARE_NO.match(text) or len(re.findall(r"[\u4e00-\u9fff]", text)) < 4:
            dispatcher.utter_message(response="utter_which_field")
            return {**values, "summary_confirmed": None}
        # words that correct something the bot cannot place are kept for staff, never lost
        dispatcher.utter_message(response="utter_correction_kept")
        return {**values, "extra_info": _kept(tracker, text), "summary_confirmed": None}

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
                           domain: DomainDict) -> Tuple[Dict[str, Any], bool, List[str]]:
        """Normalised values of the fields this message touched, whether any changed, and the fields
        the worker named whose new value is the one already shown.

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
            kept = {name: _not_negated(tracker, value, text) for name, value in touched.items()}
            touched = {_closest_field(tracker, name, value): value for name, value in kept.items() if value is not None}
        corrected, unchanged = False, []
        for name, value in touched.items():
            before = _previous(tracker, name)
            if name == "phone":
                value = _with_digits_changed(before if before is not None else tracker.get_slot(name), value, text)
            # a field the worker named is read as the answer to its own question ("老板不对，是胖子刘" is what
            # "是谁欠您的工钱？" would have got), not as words said in passing
            # (figures are read from the whole message: "总共是五万 借支了八千" is 42000)
            answering = _as_if_asked(tracker, name, value) if parsed and name in _READ_ALONE else tracker
            output = await getattr(self, f"validate_{name}")(value, dispatcher, answering, domain)
            if parsed and output.get(name) in (None, before) and (said := _as_said(name, value)) \
                    and normalise(said) != normalise(str(before or "")):
                output = {name: said}  # the worker named the field and said its value: written as said
                if name == "employer_name":
                    output["employer_type"] = rules.employer_type(said, text)
            high = f"{name}_high"  # 八千 corrected to 八千多: the same low figure, a new high one
            if output.get(name) is None or (output.get(name) == before
                                            and output.get(high) == _previous(tracker, high)):
                if parsed and output.get(name) is not None and before not in (UNKNOWN, NOT_GIVEN):
                    unchanged.append(name)
                values[name] = before
                continue
            values.update(_flag(tracker, output, name))  # staff see it was corrected
            tracker.slots.update(values)
            corrected = True
        return values, corrected, unchanged


def _kept(tracker: Tracker, text: str) -> str:
    """The extra information with the worker's words at the read-back added, for staff."""
    before = tracker.get_slot("extra_info")
    kept = "；".join(filter(None, (before if before not in (None, "无") else None, f"核对时补充：{text}")))
    return kept[-MAX_KEPT:]


def _same_read_back_twice(tracker: Tracker) -> bool:
    """The last two read-backs were the same: the worker's last answer changed nothing either."""
    shown = [event.get("text") for event in tracker.events
             if event.get("event") == "bot" and str(event.get("text") or "").startswith(SUMMARY_OPENING)]
    return len(shown) >= 2 and shown[-1] == shown[-2]


def _not_negated(tracker: Tracker, value: Any, text: str) -> Any:
    """The value the worker says is right: "是天津滨海新区塘沽 不是河西" is 塘沽, never 河西 (the tagger's value
    after 不是 gives way to another of its kind in the message, or to nothing)."""
    at = text.find(str(value))
    if not isinstance(value, str) or at < 0 or not NEGATED_BEFORE.search(text[:at]):
        return value
    entities = (tracker.latest_message or {}).get("entities") or []
    kind = next((e.get("entity") for e in entities if e.get("value") == value), None)
    for entity in entities:
        other = str(entity.get("value") or "")
        if entity.get("entity") == kind and other != value and (where := text.find(other)) >= 0 \
                and not NEGATED_BEFORE.search(text[:where]):
            return other
    return None


_READ_ALONE = ("employer_name", "project_name", "location", "reporter_name", "phone", "sector")
_AS_SAID = ("employer_name", "project_name", "location")  # names a clerk writes down as the worker says them
MAX_SAID = 40


def _as_said(slot: str, value: Any) -> Optional[str]:
    """A name the worker gave for a field they named at the read-back ("老板不对，是老罗烧烤"), written as
    said (and marked for staff) when the field's checks would not take it or would turn it back into the
    value shown (老罗): the worker knows the name better than the checks do. None for anything that is
    not plainly a name."""
    said = rules.clean_text(str(value or ""))
    if slot == "employer_name" and said:
        said = rules.employer_name_from(said)
    if slot not in _AS_SAID or not said or not 2 <= len(said) <= MAX_SAID \
            or re.search(r"[?？]|\d{5,}|什么|啥|谁|哪|咋|怎么|说不清|不清楚|不晓得|忘了", said) \
            or rules.says_not_known(said) or re.match(r"^(没有|没|无|不是|不对|不知道)", said) \
            or (slot == "employer_name" and rules.is_generic_employer(said)):
        return None
    return said


def _as_if_asked(tracker: Tracker, slot: str, value: Any) -> Tracker:
    """The tracker as if the form had just asked for this field and the worker had said only the value."""
    answering = copy.copy(tracker)
    answering.slots = {**tracker.slots, "requested_slot": slot}
    latest = tracker.latest_message or {}
    words = str(value or "")
    answering.latest_message = {**latest, "text": words, "entities": [
        entity for entity in latest.get("entities") or [] if str(entity.get("value") or "") in words]}
    return answering


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
