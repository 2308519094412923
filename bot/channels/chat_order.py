"""Handle updates of one chat in order, different chats concurrently.

python-telegram-bot either handles every update one after another or all
concurrently; a worker's second message must not overtake the first, but one
slow conversation must not hold up everyone else.
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Dict

from telegram.ext import BaseUpdateProcessor


def chat_key(update: object) -> Any:
    chat = getattr(update, "effective_chat", None)
    return chat.id if chat is not None else None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: Dict[Any, asyncio.Lock] = {}
        self._users: Dict[Any, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())  # asyncio.Lock wakes waiters in arrival order
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # forget idle chats
                del self._users[key], self._locks[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
