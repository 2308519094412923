"""Validation of the intake form: normalise each answer, infer the sector."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.field_validators import _QUESTION, FieldValidators, _flag, _one_name, _text, _unknown
from bot.fields import (
    FORM_FIELDS,
    infer_sector,
    is_nickname,
    is_short_firm_name,
    says_no_project,
    sends_to_sites,
    wants_to_file_now,
)
from bot.intake import NOT_GIVEN, UNKNOWN
from bot.places import province_of
from nlu.gazetteer import SURNAMES

# A question is asked at most twice in a row; then the field is left for staff and the form moves on.
MAX_ASKS = 2
# Questions the rules answer before the form resumes, when they are worded as questions.
QUESTIONS = ("ask_legal_info", "ask_progress", "ask_human")
# Fields whose answer can be checked strictly, so a message the classifier took for something else
# ("没项目 我在袜厂踩缝纫机" as another labour issue) is still read as the answer to the question asked.
STRICT = ("amount_yuan", "worker_count", "period_text", "sector", "phone", "project_name", "extra_info",
          "employer_name", "location")
# Name answers are read as answers only when they are a bare name the classifier was unsure about
# ("高速利川连接线" taken for off-topic at 0.41): any sentence could otherwise pass as a name.
NAMES = ("employer_name", "project_name", "location")
UNSURE = 0.6


class ValidateArrearsForm(FieldValidators, FormValidationAction):
    def name(self) -> str:
        return "validate_arrears_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        unstuck = await self._unstick(dispatcher, tracker, domain, events)
        if unstuck:  # the next question follows from what is filled now
            tracker.add_slots(unstuck)
            events = [e for e in events if e.get("name") != "requested_slot"] + unstuck
            if (next_slot := await self.next_requested_slot(dispatcher, tracker, domain)) is not None:
                events.append(next_slot)
        events += _place_without_project(tracker, events)
        # The sector question is asked only when the words so far do not tell.
        if tracker.get_slot("sector") is None and not _sets(events, "sector"):
            # a project's name tells what was built, not the work (临港物流园仓库 is a building site), and a
            # place's name nothing at all (太原小店区)
            said = words = " ".join(_user_texts(tracker))
            for name in ("project_name", "location"):
                value = next((e.get("value") for e in events if e.get("name") == name), None) or tracker.get_slot(name)
                words = words.replace(value, " ") if isinstance(value, str) and value else words
            sector = infer_sector(words) or infer_sector(said)
            if sector:
                events.insert(0, SlotSet("sector", sector))
        return events

    async def _unstick(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                       events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Keep the intake moving: the answer to the question asked is read as an answer first, a request
        to file now is honoured, and no question is asked a third time in a row."""
        asked = tracker.get_slot("requested_slot")
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if not asked or not _first_look(tracker) or intent in ("cancel", "goodbye"):
            return []
        text = _text(tracker)
        if wants_to_file_now(text):
            dispatcher.utter_message(response="utter_file_with_gaps")
            return _missing_left_for_staff(tracker, events)
        if _sets(events, asked) or tracker.slots.get(asked) is not None:
            return []
        question = intent in QUESTIONS and _QUESTION.search(text)
        if asked in STRICT and not question and (answer := await self._as_answer(asked, dispatcher, tracker, domain)):
            return answer
        if _asks_in_a_row(tracker, asked) >= MAX_ASKS:
            dispatcher.utter_message(response="utter_skip_field")
            return _left_for_staff(tracker, asked)
        return []

    async def answer_anyway(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                            free_text: bool = False) -> List[Dict[str, Any]]:
        """The latest message read as the answer to the question asked, whatever the classifier took it for
        ("高拴牢" as off-topic): the slots it fills, or nothing when it does not answer. Any words answer
        "anything else?", so that question takes them only when free_text is asked for (a question or an
        off-topic message there is answered, not filed)."""
        asked = tracker.get_slot("requested_slot")
        if tracker.active_loop_name != "arrears_form" or not asked or _QUESTION.search(_text(tracker)) \
                or (asked == "extra_info" and not free_text):
            return []
        if asked not in STRICT and asked != "reporter_name":
            return []
        return await self._as_answer(asked, dispatcher, tracker, domain, interrupted=True) or []

    def give_up_when_stuck(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
        """After a digression the form's checks do not run, so a question the classifier keeps taking for
        something else would be asked for ever: at the limit the field is left for staff."""
        asked = tracker.get_slot("requested_slot")
        if tracker.active_loop_name != "arrears_form" or not asked or _asks_in_a_row(tracker, asked) < MAX_ASKS:
            return []
        dispatcher.utter_message(response="utter_skip_field")
        return _left_for_staff(tracker, asked)

    async def _as_answer(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict, interrupted: bool = False) -> Optional[List[Dict[str, Any]]]:
        text = _text(tracker)
        if slot == "employer_name" and (is_nickname(tracker.get_slot("employer_contact"))
                                        or is_short_firm_name(tracker.get_slot("employer_contact"))):
            # the full-name question is asked once: whatever the answer, a name or the nickname stands
            result = await self.validate_employer_name(text, dispatcher, tracker, domain)
            return [SlotSet(name, value) for name, value in result.items()]
        confidence = ((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 0.0
        bare_name = _one_name(text) and not _QUESTION.search(text) and (interrupted or confidence < UNSURE)
        if slot == "reporter_name" and not (bare_name and _looks_like_a_name(text.strip())):
            return None  # only a bare name: "高拴牢", "格日勒图"
        if slot in NAMES and not bare_name and not (slot == "project_name" and says_no_project(text)):
            return None
        quiet = CollectingDispatcher()  # a failed try says nothing
        result = await getattr(self, f"validate_{slot}")(text, quiet, tracker, domain)
        if result.get(slot) is None:
            return None
        dispatcher.messages.extend(quiet.messages)
        return [SlotSet(name, value) for name, value in result.items()]

    async def required_slots(self, domain_slots: List[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[str]:
        """A factory, shop, restaurant or household worker who named the workplace has no project to give
        (a cleaner or a guard sent to a site by their company has: the site)."""
        sector = tracker.get_slot("sector") or infer_sector(" ".join(_user_texts(tracker)))
        employer = tracker.get_slot("employer_name")
        named = employer not in (None, UNKNOWN, NOT_GIVEN)
        if sector == "other" and named and tracker.get_slot("project_name") is None and not sends_to_sites(employer):
            return [slot for slot in domain_slots if slot != "project_name"]
        return domain_slots


def _looks_like_a_name(text: str) -> bool:
    """A person's name said alone: a surname and one or two characters, or three or four characters with no
    word of a sentence in them (格日勒图, 阿拉坦仓: names without a Han surname)."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text):
        return False
    sentence_words = r"[的了吗呢吧啊呀哦嗯好谢是不没有我你他她们这那个]"
    return text[0] in SURNAMES or (len(text) >= 3 and not re.search(sentence_words, text))


def _place_without_project(tracker: Tracker, events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """"合肥包河滨湖云玺" taken as the place holds the project 滨湖云玺 the worker named: the place is 合肥包河."""
    now = {**tracker.slots, **{e["name"]: e.get("value") for e in events if e.get("event") == "slot"}}
    place, project = now.get("location"), now.get("project_name")
    if isinstance(place, str) and isinstance(project, str) and project not in (UNKNOWN, NOT_GIVEN) \
            and place != project and place.endswith(project) and province_of(place[:-len(project)]):
        return [SlotSet("location", place[:-len(project)])]
    return []


def _first_look(tracker: Tracker) -> bool:
    """This validation runs on the user's latest message, not on a form resumed after a digression.
    (Rasa hands the validation a tracker that ends with the form's own action.)"""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in ("arrears_form", "action_extract_slots"):
            return False
    return False


def _asks_in_a_row(tracker: Tracker, slot: str) -> int:
    """How often the bot has just asked for this field, with no other question in between."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == "arrears_form":
            break
        asked = ((event.get("metadata") or {}).get("utter_action") or "") if event.get("event") == "bot" else ""
        if asked == f"utter_ask_{slot}":
            count += 1
        elif asked.startswith("utter_ask_"):
            break
    return count


def _left_for_staff(tracker: Tracker, slot: str) -> List[Dict[str, Any]]:
    """The field marked as not known (or not given), for staff to fill in."""
    if slot == "phone":
        values = {"phone": NOT_GIVEN, "phone_skipped": True}
    elif slot == "reporter_name":
        values = {"reporter_name": NOT_GIVEN}
    elif slot == "extra_info":
        values = {"extra_info": "无"}
    else:
        values = _unknown(tracker, slot, _text(tracker))
    values = _flag(tracker, values, slot) if slot != "extra_info" else values
    tracker.slots.update(values)
    return [SlotSet(name, value) for name, value in values.items()]


def _missing_left_for_staff(tracker: Tracker, events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    set_now = {e.get("name") for e in events if e.get("event") == "slot" and e.get("value") is not None}
    out: List[Dict[str, Any]] = []
    for slot in (*FORM_FIELDS, "extra_info"):
        if tracker.slots.get(slot) is None and slot not in set_now:
            out += _left_for_staff(tracker, slot)
    return out


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
