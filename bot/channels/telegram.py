"""The Telegram channel: python-telegram-bot handlers between workers' chats and the dialogue engine.

Every update is written to the inbox before it is handled and marked done after
the replies are sent (bot/store/inbox.py); an update that could not be handled
(engine or database down) is kept and handled again later, and the worker is
told so. Sender id for the dialogue and the store is the Telegram chat id.

Intake is for private chats only: what a worker tells us (name, phone) must not be
read back to a group, so groups and channels get one pointer to a private chat
when they address the bot, and nothing of theirs is kept.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Union

import httpx
from telegram import Bot, Document, KeyboardButton, Message, MessageEntity, PhotoSize, ReplyKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import evidence as evidence_files
from bot.channels import texts
from bot.channels.dialogue import Dialogue
from bot.places import place_name
from bot.replies import localise
from bot.settings import Settings
from bot.spool import spool_update
from bot.store import inbox
from bot.store.evidence import add_evidence, files_today, pending_count, recent_lead
from bot.store.leads import leads_for_sender
from bot.store.notifications import LEADS_HEADER, NO_LEADS, status_line
from bot.store.session import open_session
from nlu.script import is_traditional

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
# Give up on an update after this many failed attempts (a bug, not an outage): the worker is told.
MAX_ATTEMPTS = 5


def sender_of(update: Update) -> str:
    return str(update.effective_chat.id)


class TelegramChannel:
    """The handlers; bot/channels/telegram_app.py wires them into an Application."""

    def __init__(self, dialogue: Dialogue, settings: Settings) -> None:
        self.dialogue = dialogue
        self.settings = settings
        self.failed: Set[int] = set()  # update ids not handled this time: a service was down (kept for retry)
        self.broken: Set[int] = set()  # update ids whose handler raised (a bug): retried a few times only
        self._told: Set[int] = set()  # update ids whose sender was already asked to wait
        self._buttons: Dict[str, Dict[str, str]] = {}  # chat -> button title -> payload

    # --- inbox: before and after every update -------------------------------------------------

    async def record(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Group -1: store the update; stop here if it was already handled (delivered twice).

        Updates from groups and channels are neither stored nor handled (see the module docstring).
        """
        if update.effective_chat is None:
            raise ApplicationHandlerStop  # nothing to answer (e.g. a member update)
        if update.effective_chat.type != ChatType.PRIVATE:
            await self._point_to_private(update, context.bot)
            _drop_from_inbox(update.update_id)
            raise ApplicationHandlerStop
        try:
            with open_session() as session:
                new = inbox.record_update(session, update.update_id, sender_of(update), update.to_dict())
        except Exception:
            logger.exception("inbox unavailable; update %s kept in the spool", update.update_id)
            spool_update(update.to_dict())
            await self._send_plain(update, texts.TRY_LATER)
            raise ApplicationHandlerStop from None
        if not new:
            logger.info("update %s already handled; skipped", update.update_id)
            raise ApplicationHandlerStop

    async def finish(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Group 1: mark the update done, or keep it for another attempt."""
        update_id = update.update_id
        failed, broken = update_id in self.failed, update_id in self.broken
        self.failed.discard(update_id)
        self.broken.discard(update_id)
        try:
            with open_session() as session:
                if not (failed or broken):
                    inbox.mark_done(session, update_id)
                    self._told.discard(update_id)
                    return
                inbox.mark_retry(session, update_id)
                if broken and inbox.attempts_of(session, update_id) >= MAX_ATTEMPTS:
                    inbox.mark_given_up(session, update_id)
                    self._told.discard(update_id)
                    await self._send_plain(update, texts.GAVE_UP)
        except Exception:
            logger.exception("could not mark update %s; it will be handled again on start-up", update.update_id)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        logger.error("handler failed", exc_info=context.error)
        if isinstance(update, Update):
            self.broken.add(update.update_id)

    # --- commands ----------------------------------------------------------------------------

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._send_plain(update, texts.START)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._send_plain(update, texts.HELP)

    async def new_report(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = sender_of(update)
        await self._converse(update, "/restart", show=False)
        await self._converse(update, "/report_arrears")
        logger.info("chat %s started a new report", _short(sender))

    async def cancel(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._converse(update, "/cancel")

    async def status(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            with open_session() as session:
                lines = [status_line(lead) for lead in leads_for_sender(session, sender_of(update))]
        except Exception:
            logger.exception("status lookup failed")
            await self._service_down(update)
            return
        await self._send_plain(update, LEADS_HEADER + "\n" + "\n".join(lines) if lines else NO_LEADS)

    # --- messages ----------------------------------------------------------------------------

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = update.effective_message.text or ""
        payload = self._buttons.get(sender_of(update), {}).get(text.strip())
        await self._converse(update, payload or text)

    async def edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edit of a message the dialogue has already taken in: ask for the corrected text anew."""
        await self._send_plain(update, texts.EDITED)

    async def location(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        point = update.effective_message.location
        place = place_name(point.latitude, point.longitude)
        if place is None:
            await self._send_plain(update, texts.LOCATION_UNKNOWN)
            return
        value = f"{place}（共享位置 {point.latitude:.4f},{point.longitude:.4f}）"
        await self._converse(update, "/inform" + json.dumps({"location": value}, ensure_ascii=False))

    async def evidence(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message.photo:
            item, kind, declared = message.photo[-1], "photo", "image/jpeg"  # the largest size
        else:
            item, kind, declared = message.document, "document", message.document.mime_type or ""
        try:
            reply = await self._keep_evidence(update, item, kind, declared)
        except Exception:
            logger.exception("evidence not saved for chat %s", _short(sender_of(update)))
            await self._service_down(update, texts.EVIDENCE_FAILED)
            return
        await self._send_plain(update, reply)

    async def _keep_evidence(self, update: Update, item: Union[PhotoSize, Document], kind: str,
                             declared: str) -> str:
        """Check, download, check again and store one file; returns what to tell the worker."""
        limit, sender = self.settings.evidence_max_bytes, sender_of(update)
        too_big = texts.EVIDENCE_SIZE.format(limit=limit // 2**20)
        refusal = evidence_files.refusal(declared, item.file_size, limit)
        if refusal:
            return texts.EVIDENCE_TYPE if refusal == "type" else too_big
        with open_session() as session:
            if files_today(session, CHANNEL, sender) >= self.settings.evidence_daily_files:
                return texts.EVIDENCE_QUOTA.format(limit=self.settings.evidence_daily_files)
        await self._typing(update)
        data = await _download(item, limit)
        if data is None:
            return too_big
        media_type = evidence_files.content_type(declared, data[: evidence_files.HEAD_BYTES])
        if media_type is None:
            logger.info("evidence from chat %s refused: content is not %s", _short(sender), declared)
            return texts.EVIDENCE_CONTENT
        path, digest = evidence_files.save(data, declared, self.settings.evidence_dir)
        with open_session() as session:
            lead = None if await self.dialogue.in_report(sender) else recent_lead(session, sender)
            add_evidence(session, channel=CHANNEL, sender_id=sender, kind=kind, media_type=media_type,
                         size_bytes=len(data), sha256=digest, path=path, lead_id=lead.id if lead else None)
            if lead:
                return texts.EVIDENCE_SAVED_TO_LEAD.format(reference=lead.reference)
            return texts.EVIDENCE_SAVED.format(count=pending_count(session, sender))

    async def unsupported(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Voice, video, stickers and anything else that is not text: ask for text, say why."""
        if update.effective_message is not None:
            await self._send_plain(update, texts.TEXT_ONLY)

    # --- helpers -----------------------------------------------------------------------------

    async def _converse(self, update: Update, text: str, show: bool = True) -> None:
        """One message through the dialogue engine, every reply sent back in order."""
        await self._typing(update)
        try:
            messages = await self.dialogue.reply(sender_of(update), text)
        except Exception:
            logger.exception("dialogue engine failed for chat %s", _short(sender_of(update)))
            await self._service_down(update)
            return
        if show:
            await self._send_messages(update, messages)

    async def _point_to_private(self, update: Update, bot: Bot) -> None:
        """One line to a group message that addresses the bot; nothing to the rest, nor to edits."""
        message = update.message or update.channel_post
        if message is None or not _addresses(message, bot):
            return
        [reply] = localise([{"text": texts.PRIVATE_ONLY.format(bot=bot.username)}], _script_of(update))
        try:
            await update.effective_chat.send_message(reply["text"])
        except Exception:  # e.g. the bot may not write in this group: nothing else to do
            logger.warning("pointer to a private chat not sent to chat %s", _short(sender_of(update)))

    async def _service_down(self, update: Update, text: str = texts.TRY_LATER) -> None:
        """Keep the update for retry; tell the worker once, not at every attempt."""
        self.failed.add(update.update_id)
        if update.update_id not in self._told:
            self._told.add(update.update_id)
            await self._send_plain(update, text)

    async def _send_messages(self, update: Update, messages: List[Dict[str, Any]]) -> None:
        chat = update.effective_chat
        buttons: Dict[str, str] = {}
        for message in messages:
            markup = None
            if message.get("buttons"):
                titles = [b["title"] for b in message["buttons"]]
                buttons.update({b["title"]: b.get("payload") or b["title"] for b in message["buttons"]})
                markup = ReplyKeyboardMarkup([[KeyboardButton(t) for t in titles]], one_time_keyboard=True,
                                             resize_keyboard=True)
            if message.get("text"):
                await chat.send_message(message["text"], reply_markup=markup)
        self._buttons[sender_of(update)] = buttons

    async def _send_plain(self, update: Update, text: str) -> None:
        """A channel text, in the worker's script."""
        script = await self._script(update)
        [message] = localise([{"text": text}], script)
        if update.effective_chat is not None:
            await update.effective_chat.send_message(message["text"])

    async def _script(self, update: Update) -> Optional[str]:
        try:
            script = await self.dialogue.script(sender_of(update))
        except Exception:
            script = None
        return script or _script_of(update)

    async def _typing(self, update: Update) -> None:
        try:
            await update.effective_chat.send_action(ChatAction.TYPING)
        except Exception:  # cosmetic only
            logger.debug("typing action failed", exc_info=True)


def _script_of(update: Update) -> Optional[str]:
    """The script the message is written in, or the sender's phone is set to."""
    message = update.effective_message
    language = (update.effective_user.language_code or "") if update.effective_user else ""
    if message is not None and message.text and is_traditional(message.text):
        return "traditional"
    return "traditional" if language.lower() in ("zh-hant", "zh-tw", "zh-hk", "zh-mo") else None


def _addresses(message: Message, bot: Bot) -> bool:
    """Whether a group message is meant for this bot: a command (to it or to any bot), @it, a reply to it."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
        return True
    username = (bot.username or "").lower()
    entities = {**message.parse_entities(), **message.parse_caption_entities()}
    for entity, text in entities.items():
        if entity.type == MessageEntity.MENTION and text.lower() == "@" + username:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot.id:
            return True
        if entity.type == MessageEntity.BOT_COMMAND and text.partition("@")[2].lower() in ("", username):
            return True
    return False


async def _download(item: Union[PhotoSize, Document], limit: int) -> Optional[bytes]:
    """The file's bytes, or None if it is bigger than limit whatever the update said: the download is
    streamed and dropped as soon as it passes the limit, so no more than limit bytes are ever held."""
    try:
        file = await item.get_file()
    except BadRequest as error:  # Telegram's own cap for bots (20 MB), for a file whose size was not stated
        if "too big" in error.message.lower():
            return None
        raise
    if file.file_size is not None and file.file_size > limit:
        return None
    local = Path(file.file_path)
    if local.is_absolute():  # a self-hosted Bot API server in --local mode hands out paths
        return local.read_bytes() if local.stat().st_size <= limit else None
    async with httpx.AsyncClient(timeout=60) as client:
        async with client.stream("GET", file.file_path, headers={"accept-encoding": "identity"}) as response:
            response.raise_for_status()
            if int(response.headers.get("content-length") or 0) > limit:
                return None
            return await evidence_files.read_capped(response.aiter_bytes(), limit)


def _drop_from_inbox(update_id: int) -> None:
    """A group update an earlier version kept (or spooled) would otherwise be handed back again and again."""
    try:
        with open_session() as session:
            inbox.mark_done(session, update_id)
    except Exception:
        logger.warning("group update %s not cleared from the inbox", update_id)


def _short(sender: str) -> str:
    """A chat id shortened for logs (ids identify a person)."""
    return f"…{sender[-3:]}"
