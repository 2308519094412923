"""Tell a worker where their own leads stand."""

from __future__ import annotations

import logging
from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.store.leads import leads_for_sender
from bot.store.notifications import LEADS_HEADER, NO_LEADS, status_line
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
                lines = [status_line(lead) for lead in leads]
        except Exception:
            logger.exception("progress lookup failed")
            dispatcher.utter_message(text="暂时查不到进展，请过一会儿再问我。")
            return []
        if not lines:
            dispatcher.utter_message(text=NO_LEADS)
        else:
            dispatcher.utter_message(text=LEADS_HEADER + "\n" + "\n".join(lines))
        return []
