"""File the confirmed lead and give the worker a reference number."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.intake_slots import reset_intake
from bot.intake import lead_fields
from bot.spool import spool_lead
from bot.store.leads import file_lead
from bot.store.session import open_session
from nlu.identity import mask_ids

logger = logging.getLogger(__name__)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never stored: PostgreSQL refuses NUL


def intake_key(tracker: Tracker) -> str:
    """Same conversation and same intake -> same key, however often it is confirmed."""
    started = next((e.get("timestamp") for e in reversed(tracker.events)
                    if e.get("event") == "active_loop" and e.get("name") == "arrears_form"), None)
    return hashlib.sha256(f"{tracker.sender_id}|{started}".encode()).hexdigest()


def transcript(tracker: Tracker) -> List[Tuple[str, str, Optional[datetime]]]:
    """The worker's and the bot's messages since this intake began."""
    events = tracker.events
    start = 0
    for i in range(len(events) - 1, -1, -1):
        if events[i].get("event") == "active_loop" and events[i].get("name") == "arrears_form":
            start = i
            while start > 0 and events[start].get("event") != "user":
                start -= 1
            break
    lines = []
    for event in events[start:]:
        if event.get("event") in ("user", "bot") and event.get("text"):
            sent = event.get("timestamp")
            sent_at = datetime.fromtimestamp(sent, tz=timezone.utc) if sent else None
            lines.append((event["event"], mask_ids(_CONTROL.sub("", event["text"])), sent_at))
    return lines


class ActionFileLead(Action):
    def name(self) -> str:
        return "action_file_lead"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        lines = transcript(tracker)
        said = [text for speaker, text, _ in lines if speaker == "user"]
        fields = lead_fields(tracker.current_slot_values(), said=said)
        record: Dict[str, Any] = {
            "intake_key": intake_key(tracker),
            "channel": (tracker.get_latest_input_channel() or "unknown")[:20],
            "sender_id": tracker.sender_id,
            "fields": fields,
            "transcript": lines,
        }
        try:
            with open_session() as session:
                lead, created = file_lead(session, **record)
                reference = lead.reference
        except Exception:  # the database is down: keep the report, ask to retry
            logger.exception("filing failed; lead kept in the spool")
            spool_lead(record)
            dispatcher.utter_message(response="utter_file_failed")
            return [SlotSet("summary_confirmed", None), FollowupAction("confirm_form")]

        logger.info("lead %s filed (new=%s)", reference, created)
        dispatcher.utter_message(
            text=f"已经登记好了。您的线索编号是 {reference}，请记下来。\n"
            "法律援助的工作人员会核实情况并联系您。想知道进展，随时问我“我的线索怎么样了”。"
        )
        if "threat_or_violence" in fields["urgency_flags"]:
            dispatcher.utter_message(text="您提到有人威胁或动手：遇到危险请马上打110报警。")
        return reset_intake() + [SlotSet("lead_reference", reference)]
