"""The dialogue engine as a channel sees it: text in, the bot's messages out.

The Telegram channel runs the trained Rasa model and our actions in its own
process (bot/engine.py), so `python -m bot telegram` needs nothing else
running. Tests can give the channel any object with these three methods.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional, Protocol

FORMS = ("arrears_form", "confirm_form")


class Dialogue(Protocol):
    async def reply(self, sender_id: str, text: str) -> List[Dict[str, Any]]: ...

    async def in_report(self, sender_id: str) -> bool: ...

    async def script(self, sender_id: str) -> Optional[str]: ...


class RasaDialogue:
    """The newest trained model with the actions in-process (loaded on first use, about 12 s)."""

    def __init__(self, model: Optional[Path] = None, channel: str = "telegram") -> None:
        self._model = model
        self._channel = channel
        self._agent: Any = None
        self._loading = asyncio.Lock()

    async def agent(self) -> Any:
        async with self._loading:
            if self._agent is None:
                from bot.engine import load_agent

                self._agent = await asyncio.get_running_loop().run_in_executor(None, load_agent, self._model)
        return self._agent

    async def reply(self, sender_id: str, text: str) -> List[Dict[str, Any]]:
        from bot.engine import reply

        return await reply(await self.agent(), sender_id, text, channel=self._channel)

    async def _tracker(self, sender_id: str) -> Any:
        agent = await self.agent()
        return await agent.tracker_store.retrieve(sender_id)

    async def in_report(self, sender_id: str) -> bool:
        tracker = await self._tracker(sender_id)
        return bool(tracker and tracker.active_loop_name in FORMS)

    async def script(self, sender_id: str) -> Optional[str]:
        tracker = await self._tracker(sender_id)
        return tracker.get_slot("script") if tracker else None
