"""`python -m bot telegram`: the python-telegram-bot Application, its background loops, polling or webhook.

Background loops (started with the Application, stopped with it):
- retry: updates kept in the inbox (engine or database was down) or spooled on
  disk are handled again, oldest first, through the normal update queue;
- notify: status changes queued by staff (bot/store/notifications.py) are sent,
  within Telegram's limits.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from typing import Dict, List, Optional
from urllib.parse import urlparse

from telegram import Update
from telegram.ext import (
    Application,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.channels.chat_order import PerChatUpdateProcessor
from bot.channels.dialogue import Dialogue, RasaDialogue
from bot.channels.rate_limit import RateLimiter
from bot.channels.telegram import CHANNEL, TelegramChannel
from bot.settings import Settings, get_settings
from bot.store import inbox, notifications
from bot.store.session import open_session

logger = logging.getLogger(__name__)


class BackgroundLoops:
    def __init__(self, application: Application, settings: Settings, interval: float) -> None:
        self.application = application
        self.settings = settings
        self.interval = interval
        self.limiter = RateLimiter()
        self._tasks: List[asyncio.Task] = []
        self._queued: Dict[int, float] = {}  # update id -> when it was put back on the queue

    async def start(self, application: Application) -> None:
        try:
            await self.requeue()  # what a crash or an outage left unfinished, before new updates
        except Exception:  # the database is down: the loop tries again
            logger.warning("inbox not readable at start-up", exc_info=True)
        self._tasks = [asyncio.create_task(self._every(self.requeue)), asyncio.create_task(self._every(self.notify))]

    async def stop(self, application: Application) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _every(self, job) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await job()
            except Exception:  # the database may be down: try again next time
                logger.warning("background job %s failed", job.__name__, exc_info=True)

    async def requeue(self) -> None:
        """Spooled updates into the inbox, then unfinished inbox updates onto the update queue."""
        folder = self.settings.spool_dir / "inbox"
        with open_session() as session:
            for path in sorted(folder.glob("*.json")) if folder.exists() else []:
                payload = json.loads(path.read_text(encoding="utf-8"))
                chat = (Update.de_json(payload, self.application.bot).effective_chat)
                inbox.record_update(session, payload["update_id"], str(chat.id if chat else ""), payload)
                path.unlink()
            payloads = inbox.unfinished(session)
        now = time.monotonic()
        for payload in payloads:
            if now - self._queued.get(payload["update_id"], -1e9) < 10 * self.interval:
                continue  # still on its way through the queue
            self._queued[payload["update_id"]] = now
            await self.application.update_queue.put(Update.de_json(payload, self.application.bot))

    def finished(self, update_id: int) -> None:
        self._queued.pop(update_id, None)

    async def notify(self) -> None:
        """Send queued status messages, at most 30 a second and one a second per chat."""
        with open_session() as session:
            pending = [(n.id, n.recipient, n.text) for n in notifications.unsent(session, CHANNEL)]
        for notification_id, recipient, text in pending:
            await self.limiter.wait(recipient)
            try:
                await self.application.bot.send_message(chat_id=int(recipient), text=text)
            except Exception:
                logger.warning("notification %s not delivered", notification_id, exc_info=True)
                with open_session() as session:
                    notifications.mark_failed(session, notification_id)
                continue
            with open_session() as session:
                notifications.mark_sent(session, notification_id)


def build_application(settings: Optional[Settings] = None, dialogue: Optional[Dialogue] = None,
                      background_interval: float = 30.0) -> Application:
    """The Application with every handler; dialogue defaults to the trained Rasa model in-process."""
    settings = settings or get_settings()
    if not settings.telegram_bot_token:
        raise RuntimeError("TELEGRAM_BOT_TOKEN is not set (see README: create a bot with BotFather)")
    channel = TelegramChannel(dialogue or RasaDialogue(), settings)
    application = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_file_url)
        .concurrent_updates(PerChatUpdateProcessor())
        .build()
    )
    loops = BackgroundLoops(application, settings, background_interval)
    application.post_init = loops.start
    application.post_stop = loops.stop
    application.bot_data.update(channel=channel, loops=loops)

    async def finish(update: Update, context) -> None:
        await channel.finish(update, context)
        loops.finished(update.update_id)

    application.add_handler(TypeHandler(Update, channel.record), group=-1)
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, channel.edited))  # before commands and text
    application.add_handler(CommandHandler("start", channel.start))
    application.add_handler(CommandHandler("help", channel.help))
    application.add_handler(CommandHandler("new", channel.new_report))
    application.add_handler(CommandHandler("status", channel.status))
    application.add_handler(CommandHandler("cancel", channel.cancel))
    application.add_handler(MessageHandler(filters.PHOTO | filters.Document.ALL, channel.evidence))
    application.add_handler(MessageHandler(filters.LOCATION, channel.location))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, channel.text))
    application.add_handler(MessageHandler(filters.COMMAND, channel.help))  # commands we do not know
    application.add_handler(MessageHandler(filters.ALL, channel.unsupported))
    application.add_handler(TypeHandler(Update, finish), group=1)
    application.add_error_handler(channel.on_error)
    return application


def run(settings: Optional[Settings] = None) -> int:
    """Polling, or a webhook when TELEGRAM_WEBHOOK_URL is set (Telegram's secret-token header required)."""
    settings = settings or get_settings()
    application = build_application(settings)
    if settings.telegram_webhook_url:
        secret = settings.telegram_webhook_secret or secrets.token_urlsafe(32)
        path = urlparse(settings.telegram_webhook_url).path.lstrip("/")
        logger.info("Telegram webhook on %s:%s", settings.telegram_webhook_listen, settings.telegram_webhook_port)
        application.run_webhook(listen=settings.telegram_webhook_listen, port=settings.telegram_webhook_port,
                                url_path=path, webhook_url=settings.telegram_webhook_url, secret_token=secret,
                                allowed_updates=Update.ALL_TYPES)
    else:
        logger.info("Telegram polling")
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
