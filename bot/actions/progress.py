"""Tell a worker where their own leads stand."""

from __future__ import annotations

import logging
from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.store.leads import leads_for_sender
from bot.store.models import STATUSES
from bot.store.session import open_session

logger = logging.getLogger(__name__)


class ActionCheckProgress(Action):
    def name(self) -> str:
        return "action_check_progress"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        try:
            with open_session() as session:
                leads = leads_for_sender(session, tracker.sender_id)
                lines = [f"· {lead.reference}（{lead.created_at:%Y-%m-%d}登记）："
                         f"{STATUSES.get(lead.status, lead.status)}" for lead in leads]
        except Exception:
            logger.exception("progress lookup failed")
            dispatcher.utter_message(text="暂时查不到进展，请过一会儿再问我。")
            return []
        if not lines:
            dispatcher.utter_message(
                text="还没有查到您在这里登记过的线索。想反映欠薪的话，直接说说情况就行。")
        else:
            dispatcher.utter_message(text="您登记的线索：\n" + "\n".join(lines))
        return []
