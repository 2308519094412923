"""Telegram's sending limits: about 30 messages a second overall and one a second per chat."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any, Callable, Deque, Dict


class RateLimiter:
    def __init__(self, per_second: int = 30, per_chat_interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._per_second = per_second
        self._per_chat_interval = per_chat_interval
        self._clock = clock
        self._recent: Deque[float] = deque()
        self._last_by_chat: Dict[Any, float] = {}

    def delay(self, chat_id: Any) -> float:
        """Seconds to wait before a message to chat_id may go out (0 if it may go now)."""
        now = self._clock()
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        wait = 0.0
        if len(self._recent) >= self._per_second:
            wait = 1.0 - (now - self._recent[0])
        last = self._last_by_chat.get(chat_id)
        if last is not None:
            wait = max(wait, self._per_chat_interval - (now - last))
        return max(wait, 0.0)

    def sent(self, chat_id: Any) -> None:
        now = self._clock()
        self._recent.append(now)
        self._last_by_chat[chat_id] = now

    async def wait(self, chat_id: Any) -> None:
        """Sleep until a message to chat_id may go out, and count it as sent."""
        while (pause := self.delay(chat_id)) > 0:
            await asyncio.sleep(pause)
        self.sent(chat_id)
