"""The Telegram channel with the real python-telegram-bot Application against a fake Bot API server.

The dialogue engine here is a small scripted stand-in (the whole report with the
real model is in test_telegram_report.py); the database is real (SQLite).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from dataclasses import replace
from datetime import timedelta
from typing import Any, Dict, List, Optional

import httpx
import pytest

from bot.channels import texts
from bot.channels.telegram_app import build_application
from bot.evidence import OCTET_STREAM
from bot.settings import get_settings
from bot.store import inbox
from bot.store.evidence import evidence_for_lead
from bot.store.leads import change_status, file_lead
from bot.store.models import Evidence, InboxUpdate, utcnow
from bot.store.notifications import NO_LEADS
from bot.store.session import open_session
from tests.fake_telegram import BOT_USER, TOKEN, FakeTelegram

CHAT, OTHER_CHAT, GROUP = 5550001, 5550002, -1005550003
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"fake image bytes" * 10
POINTER = texts.PRIVATE_ONLY.format(bot=BOT_USER["username"])


class ScriptedDialogue:
    """Answers every message with one echo reply; can be switched off to play an engine that is down."""

    def __init__(self) -> None:
        self.received: List[tuple] = []
        self.down = False
        self.reporting = False
        self.replies: Dict[str, List[Dict[str, Any]]] = {}
        self.delays: Dict[str, float] = {}

    async def reply(self, sender_id: str, text: str) -> List[Dict[str, Any]]:
        if self.down:
            raise ConnectionError("engine down")
        await asyncio.sleep(self.delays.get(text, 0))
        self.received.append((sender_id, text))
        return self.replies.get(text, [{"text": f"收到：{text}"}])

    async def in_report(self, sender_id: str) -> bool:
        return self.reporting

    async def script(self, sender_id: str) -> Optional[str]:
        return None


@pytest.fixture
def fake():
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
def settings(fake, sqlite_url, use_database, tmp_path, monkeypatch):
    use_database(sqlite_url)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_BASE_URL", fake.base_url)
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setenv("EVIDENCE_MAX_BYTES", "1000")
    get_settings.cache_clear()
    return get_settings()


@contextlib.asynccontextmanager
async def running(application):
    """What Application.run_polling does, step by step, so the test keeps its event loop."""
    await application.initialize()
    await application.post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.post_stop(application)
        await application.shutdown()


@pytest.fixture
def dialogue():
    return ScriptedDialogue()


@pytest.fixture
def app(settings, dialogue):
    return build_application(settings, dialogue, background_interval=0.2)


def _inbox_row(update_id: int) -> InboxUpdate:
    with open_session() as session:
        return session.get(InboxUpdate, update_id)


async def test_text_goes_to_the_dialogue_and_replies_come_back_in_order(fake, app, dialogue):
    dialogue.replies["老板欠我两万八"] = [
        {"text": "好的，我来帮您登记。"},
        {"text": "是在工地上干活吗？",
         "buttons": [{"title": "是", "payload": "是"}, {"title": "不是", "payload": "不是"}]},
    ]
    async with running(app):
        update = fake.message(CHAT, "老板欠我两万八")
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 2)
        await fake.wait_for(lambda: _inbox_row(update["update_id"]).status == "done")
    assert dialogue.received == [(str(CHAT), "老板欠我两万八")]
    assert fake.texts(CHAT) == ["好的，我来帮您登记。", "是在工地上干活吗？"]
    keyboard = fake.sent("sendMessage", CHAT)[1]["reply_markup"]["keyboard"]
    assert [button["text"] for button in keyboard[0]] == ["是", "不是"]
    assert any(c["action"] == "typing" for c in fake.sent("sendChatAction", CHAT))
    assert _inbox_row(update["update_id"]).payload is None  # the text is not kept twice


async def test_a_button_title_is_sent_as_its_payload(fake, app, dialogue):
    dialogue.replies["确认"] = [{"text": "对吗？", "buttons": [{"title": "对，提交", "payload": "对"}]}]
    async with running(app):
        fake.message(CHAT, "确认")
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
        fake.message(CHAT, "对，提交")
        await fake.wait_for(lambda: len(dialogue.received) == 2)
    assert dialogue.received[1] == (str(CHAT), "对")


async def test_an_update_delivered_twice_is_handled_once(fake, settings, dialogue):
    """Telegram redelivers what it thinks unacknowledged, e.g. after a crash: the inbox knows it."""
    first = fake.message(CHAT, "欠了三个月")
    async with running(build_application(settings, dialogue, background_interval=0.2)):
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
        await fake.wait_for(lambda: _inbox_row(first["update_id"]).status == "done")
    fake.push(first)  # the same update again, to a restarted bot
    second = fake.message(CHAT, "一共两万")
    async with running(build_application(settings, dialogue, background_interval=0.2)):
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 2)
        await fake.wait_for(lambda: _inbox_row(second["update_id"]).status == "done")
    assert dialogue.received == [(str(CHAT), "欠了三个月"), (str(CHAT), "一共两万")]


async def test_unfinished_updates_are_handled_on_start_up(fake, settings, dialogue):
    """A crash after the update was stored but before the replies went out."""
    with open_session() as session:
        payload = {"update_id": 77, "message": {"message_id": 1, "date": 1, "text": "上次没说完",
                                                "chat": {"id": CHAT, "type": "private"}}}
        inbox.record_update(session, 77, str(CHAT), payload)
    async with running(build_application(settings, dialogue, background_interval=0.2)):
        await fake.wait_for(lambda: _inbox_row(77).status == "done")
    assert dialogue.received == [(str(CHAT), "上次没说完")]
    assert fake.texts(CHAT) == ["收到：上次没说完"]


async def test_engine_down_tells_the_worker_and_keeps_the_message(fake, app, dialogue):
    dialogue.down = True
    async with running(app):
        update = fake.message(CHAT, "老板跑路了")
        await fake.wait_for(lambda: texts.TRY_LATER in fake.texts(CHAT))
        await fake.wait_for(lambda: _inbox_row(update["update_id"]).status == "retry")
        await fake.wait_for(lambda: _inbox_row(update["update_id"]).attempts >= 3)  # retried while down
        assert fake.texts(CHAT) == [texts.TRY_LATER]  # told once, not at every attempt
        dialogue.down = False  # back up: the retry loop handles the kept message
        await fake.wait_for(lambda: "收到：老板跑路了" in fake.texts(CHAT))
        await fake.wait_for(lambda: _inbox_row(update["update_id"]).status == "done")
    assert dialogue.received == [(str(CHAT), "老板跑路了")]


async def test_an_update_that_keeps_failing_is_given_up_and_the_worker_told(fake, app, dialogue):
    dialogue.replies["怪消息"] = None  # the handler breaks on it: a bug, not an outage
    async with running(app):
        update = fake.message(CHAT, "怪消息")
        await fake.wait_for(lambda: texts.GAVE_UP in fake.texts(CHAT))
    row = _inbox_row(update["update_id"])
    assert row.status == "failed" and row.payload is not None  # kept for staff, not retried for ever
    assert len(dialogue.received) == 5


async def test_database_down_keeps_the_update_on_disk_until_it_is_back(fake, settings, dialogue, monkeypatch):
    good_url = settings.database_url
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:9/nowhere")
    get_settings.cache_clear()
    async with running(build_application(settings, dialogue, background_interval=0.2)):
        update = fake.message(CHAT, "欠我五千")
        await fake.wait_for(lambda: texts.TRY_LATER in fake.texts(CHAT))
        assert (settings.spool_dir / "inbox" / f"{update['update_id']}.json").exists()
        assert dialogue.received == []
        monkeypatch.setenv("DATABASE_URL", good_url)
        get_settings.cache_clear()
        await fake.wait_for(lambda: "收到：欠我五千" in fake.texts(CHAT))
        await fake.wait_for(lambda: _inbox_row(update["update_id"]).status == "done")
    assert not (settings.spool_dir / "inbox" / f"{update['update_id']}.json").exists()


async def test_a_photo_is_stored_with_its_hash_and_attached_to_the_lead_being_reported(fake, app, dialogue, settings):
    dialogue.reporting = True
    photo = fake.add_file("photo-1", JPEG)
    async with running(app):
        fake.message(CHAT, caption="考勤表", photo=[{**photo, "width": 90, "height": 90}])
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
    assert fake.texts(CHAT) == [texts.EVIDENCE_SAVED.format(count=1)]
    with open_session() as session:
        [evidence] = session.query(Evidence).all()
        assert evidence.lead_id is None and evidence.kind == "photo" and evidence.size_bytes == len(JPEG)
        assert evidence.media_type == "image/jpeg"  # its bytes were checked
        stored = settings.evidence_dir / evidence.path
        assert stored.read_bytes() == JPEG and oct(stored.stat().st_mode & 0o777) == "0o600"
        assert evidence.sha256 == hashlib.sha256(JPEG).hexdigest()
        lead, _ = file_lead(session, intake_key="k1", channel="telegram", sender_id=str(CHAT),
                            fields={"employer_name": "老王"})
        assert [e.sha256 for e in evidence_for_lead(session, lead.id)] == [evidence.sha256]


async def test_a_file_after_filing_goes_to_the_lead_just_filed(fake, app, dialogue):
    with open_session() as session:
        lead, _ = file_lead(session, intake_key="k2", channel="telegram", sender_id=str(CHAT), fields={})
    document = fake.add_file("doc-1", b"%PDF-1.4 IOU")
    async with running(app):
        fake.message(CHAT, document={**document, "file_name": "欠条.pdf", "mime_type": "application/pdf"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
    assert fake.texts(CHAT) == [texts.EVIDENCE_SAVED_TO_LEAD.format(reference=lead.reference)]
    with open_session() as session:
        assert [e.media_type for e in evidence_for_lead(session, lead.id)] == ["application/pdf"]


async def test_files_of_the_wrong_type_or_too_big_are_refused_with_a_reason(fake, app):
    exe = fake.add_file("exe-1", b"MZ")
    big = fake.add_file("big-1", b"x" * 5000)
    async with running(app):
        fake.message(CHAT, document={**exe, "file_name": "a.exe", "mime_type": "application/x-msdownload"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
        fake.message(CHAT, document={**big, "file_name": "b.pdf", "mime_type": "application/pdf"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 2)
    assert fake.texts(CHAT) == [texts.EVIDENCE_TYPE, texts.EVIDENCE_SIZE.format(limit=0)]
    assert not fake.sent("getFile")  # never downloaded
    with open_session() as session:
        assert session.query(Evidence).count() == 0


@pytest.mark.security
async def test_a_file_without_a_stated_size_is_not_downloaded_past_the_limit(fake, app, settings):
    """The update and getFile may leave the size out: the download itself is cut at EVIDENCE_MAX_BYTES."""
    huge = fake.add_file("huge-1", b"%PDF-1.4 " + b"x" * 16 * 2**20, stated=False)
    beyond = fake.add_file("huge-2", b"%PDF-1.4", stated=False, too_big=True)  # above Telegram's 20 MB
    async with running(app):
        fake.message(CHAT, document={**huge, "file_name": "工资单.pdf", "mime_type": "application/pdf"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
        update = fake.message(CHAT, document={**beyond, "file_name": "录像.pdf", "mime_type": "application/pdf"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 2)
        await fake.wait_for(lambda: _inbox_row(update["update_id"]).status == "done")  # answered, not retried
    assert fake.texts(CHAT) == [texts.EVIDENCE_SIZE.format(limit=0)] * 2
    assert fake.served["huge-1"] < 2**20  # stopped after the first chunks, not the 16 MB a full download takes
    assert len(fake.sent("getFile")) == 2
    with open_session() as session:
        assert session.query(Evidence).count() == 0
    assert not settings.evidence_dir.exists() or not any(p.is_file() for p in settings.evidence_dir.rglob("*"))


@pytest.mark.security
async def test_a_chat_gets_a_daily_quota_of_files(fake, settings, dialogue):
    dialogue.reporting = True
    with open_session() as session:
        lead, _ = file_lead(session, intake_key="k6", channel="telegram", sender_id=str(CHAT), fields={})
        old = Evidence(channel="telegram", sender_id=str(CHAT), kind="photo", media_type="image/jpeg", size_bytes=1,
                       sha256="0" * 64, path="00/x.jpg", lead_id=lead.id, received_at=utcnow() - timedelta(days=1))
        session.add(old)  # yesterday's file does not count
        session.commit()
    photos = [fake.add_file(f"quota-{i}", JPEG + bytes([i])) for i in range(4)]
    async with running(build_application(replace(settings, evidence_daily_files=2), dialogue, 0.2)):
        for i, photo in enumerate(photos[:3]):
            fake.message(CHAT, photo=[{**photo, "width": 90, "height": 90}])
            await fake.wait_for(lambda count=i + 1: len(fake.texts(CHAT)) == count)
        fake.message(OTHER_CHAT, photo=[{**photos[3], "width": 90, "height": 90}])  # another chat's quota
        await fake.wait_for(lambda: len(fake.texts(OTHER_CHAT)) == 1)
    assert fake.texts(CHAT) == [texts.EVIDENCE_SAVED.format(count=1), texts.EVIDENCE_SAVED.format(count=2),
                                texts.EVIDENCE_QUOTA.format(limit=2)]
    assert fake.texts(OTHER_CHAT) == [texts.EVIDENCE_SAVED.format(count=1)]
    assert [call["file_id"] for call in fake.sent("getFile")] == ["quota-0", "quota-1", "quota-3"]
    with open_session() as session:
        assert session.query(Evidence).count() == 4


@pytest.mark.security
async def test_a_file_whose_bytes_are_not_its_type_is_refused_or_kept_only_for_download(fake, app, settings):
    page = fake.add_file("page-1", b"<html><script>alert(document.cookie)</script></html>")
    renamed = fake.add_file("sheet-1", b"PK\x03\x04\x14\x00\x06\x00 an .xlsx named .xls")
    async with running(app):
        fake.message(CHAT, document={**page, "file_name": "欠条.pdf", "mime_type": "application/pdf"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
        fake.message(CHAT, document={**renamed, "file_name": "考勤表.xls", "mime_type": "application/vnd.ms-excel"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 2)
    assert fake.texts(CHAT) == [texts.EVIDENCE_CONTENT, texts.EVIDENCE_SAVED.format(count=1)]
    with open_session() as session:
        [evidence] = session.query(Evidence).all()
    assert evidence.media_type == OCTET_STREAM and evidence.path.endswith(".xls")
    assert [p.name for p in settings.evidence_dir.rglob("*") if p.is_file()] == [evidence.path.split("/")[-1]]


@pytest.mark.security
async def test_group_chats_get_a_pointer_to_a_private_chat_and_nothing_is_kept(fake, app, dialogue, settings):
    """A worker's name and phone must not be read back to a group: no dialogue, no evidence, no inbox row."""
    photo = fake.add_file("group-photo", JPEG)
    group = {"chat_type": "supergroup", "from_id": CHAT}
    async with running(app):
        first = fake.message(GROUP, "我叫张三，电话13800138000，老板欠我两万", **group)  # not to the bot: silence
        fake.message(GROUP, photo=[{**photo, "width": 90, "height": 90}], **group)
        fake.message(GROUP, "/status@other_bot", **group)
        fake.message(GROUP, "@arrears_test_bot 我叫张三", edit_of=first["message"]["message_id"], **group)
        fake.message(-1005550004, "@arrears_test_bot 通知", chat_type="channel")  # a channel post to the bot
        fake.message(GROUP, "@arrears_test_bot 老板欠我两万", **group)  # the bot is addressed: one pointer each
        fake.message(GROUP, caption="@arrears_test_bot 考勤表", photo=[{**photo, "width": 90, "height": 90}], **group)
        fake.message(GROUP, "/start", **group)
        fake.message(GROUP, "好的", reply_to_message={"message_id": 1, "date": 1, "from": BOT_USER, "text": "…",
                                                     "chat": {"id": GROUP, "type": "supergroup", "title": "工友群"}},
                     **group)
        await fake.wait_for(lambda: len(fake.texts(GROUP)) == 4)  # one chat is handled in order: all done
        await fake.wait_for(lambda: len(fake.texts(-1005550004)) == 1)
        private = fake.message(CHAT, "老板欠我两万")  # the same person in private: intake as usual
        await fake.wait_for(lambda: fake.texts(CHAT) == ["收到：老板欠我两万"])
        await fake.wait_for(lambda: _inbox_row(private["update_id"]).status == "done")
    assert fake.texts(GROUP) == [POINTER] * 4 and fake.texts(-1005550004) == [POINTER]
    assert dialogue.received == [(str(CHAT), "老板欠我两万")]
    assert not fake.sent("getFile") and not fake.sent("sendChatAction", GROUP)
    with open_session() as session:
        assert session.query(Evidence).count() == 0
        assert [row.chat_id for row in session.query(InboxUpdate)] == [str(CHAT)]
    assert not (settings.spool_dir / "inbox").exists()


@pytest.mark.security
async def test_a_group_update_left_in_the_inbox_by_an_earlier_version_is_dropped(fake, settings, dialogue):
    payload = {"update_id": 78, "message": {"message_id": 1, "date": 1, "text": "我叫张三，电话13800138000",
                                            "chat": {"id": GROUP, "type": "group", "title": "工友群"}}}
    with open_session() as session:
        inbox.record_update(session, 78, str(GROUP), payload)
    async with running(build_application(settings, dialogue, background_interval=0.2)):
        await fake.wait_for(lambda: _inbox_row(78).status == "done")
    assert _inbox_row(78).payload is None and dialogue.received == [] and fake.texts() == []


@pytest.mark.security
async def test_an_edited_message_is_not_taken_as_new_input(fake, app, dialogue):
    async with running(app):
        first = fake.message(CHAT, "老板欠我两万")
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
        edit = fake.message(CHAT, "老板欠我三万", edit_of=first["message"]["message_id"])
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 2)
        command = fake.message(CHAT, "/cancel", edit_of=first["message"]["message_id"])
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 3)
        await fake.wait_for(lambda: _inbox_row(command["update_id"]).status == "done")
    assert dialogue.received == [(str(CHAT), "老板欠我两万")]
    assert fake.texts(CHAT) == ["收到：老板欠我两万", texts.EDITED, texts.EDITED]
    assert _inbox_row(edit["update_id"]).status == "done"  # kept in the inbox like any private message


async def test_voice_video_and_stickers_get_a_friendly_answer(fake, app, dialogue):
    async with running(app):
        fake.message(CHAT, voice={"file_id": "v", "file_unique_id": "uv", "duration": 3})
        fake.message(CHAT, sticker={"file_id": "s", "file_unique_id": "us", "type": "regular", "width": 1,
                                    "height": 1, "is_animated": False, "is_video": False})
        fake.message(CHAT, video={"file_id": "d", "file_unique_id": "ud", "width": 1, "height": 1, "duration": 1})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 3)
    assert fake.texts(CHAT) == [texts.TEXT_ONLY] * 3
    assert dialogue.received == []


async def test_a_shared_location_fills_the_location_field(fake, app, dialogue):
    async with running(app):
        fake.message(CHAT, location={"latitude": 22.5553, "longitude": 113.8838})
        await fake.wait_for(lambda: len(dialogue.received) == 1)
    sender, text = dialogue.received[0]
    assert text.startswith("/inform")
    assert json.loads(text[len("/inform"):])["location"].startswith("广东省深圳市宝安区")


async def test_commands(fake, app, dialogue):
    with open_session() as session:
        lead, _ = file_lead(session, intake_key="k3", channel="telegram", sender_id=str(CHAT), fields={})
    async with running(app):
        fake.message(CHAT, "/start")
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
        fake.message(CHAT, "/status")
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 2)
        fake.message(OTHER_CHAT, "/status")
        fake.message(OTHER_CHAT, "/help")
        await fake.wait_for(lambda: len(fake.texts(OTHER_CHAT)) == 2)
        fake.message(CHAT, "/new")
        fake.message(CHAT, "/cancel")
        await fake.wait_for(lambda: len(dialogue.received) == 3)
    start, status = fake.texts(CHAT)[:2]
    assert start == texts.START
    assert lead.reference in status and "新线索" in status
    assert fake.texts(OTHER_CHAT) == [NO_LEADS, texts.HELP]  # a worker sees only their own leads
    assert [text for _, text in dialogue.received] == ["/restart", "/report_arrears", "/cancel"]


async def test_start_in_traditional_for_a_traditional_chinese_phone(fake, app):
    async with running(app):
        fake.message(CHAT, "/start", language_code="zh-hant")
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
    assert "欠薪線索登記助手" in fake.texts(CHAT)[0]


async def test_one_chat_in_order_other_chats_not_held_up(fake, app, dialogue):
    dialogue.delays["第一句"] = 1.0
    async with running(app):
        fake.message(CHAT, "第一句")
        fake.message(CHAT, "第二句")
        fake.message(OTHER_CHAT, "别人的话")
        await fake.wait_for(lambda: len(dialogue.received) == 3)
    assert dialogue.received[0] == (str(OTHER_CHAT), "别人的话")  # not behind the slow chat
    assert [t for s, t in dialogue.received if s == str(CHAT)] == ["第一句", "第二句"]


async def test_a_status_change_is_sent_to_the_worker(fake, app):
    with open_session() as session:
        lead, _ = file_lead(session, intake_key="k4", channel="telegram", sender_id=str(CHAT), fields={})
        other, _ = file_lead(session, intake_key="k5", channel="cli", sender_id="local-1", fields={})
        change_status(session, lead, "verifying", changed_by="staff:li")
        change_status(session, other, "verifying", changed_by="staff:li")  # the terminal chat cannot be reached
    async with running(app):
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
    [text] = fake.texts(CHAT)
    assert lead.reference in text and "核实中" in text
    assert len(fake.sent("sendMessage")) == 1


@pytest.mark.security
async def test_webhook_refuses_requests_without_the_secret_token(fake, settings, dialogue):
    application = build_application(replace(settings), dialogue, background_interval=0.2)
    port = FakeTelegram().port  # any free port
    await application.initialize()
    await application.post_init(application)
    await application.start()
    await application.updater.start_webhook(listen="127.0.0.1", port=port, url_path="hook",
                                            webhook_url="https://example.org/hook", secret_token="s3cret")
    update = {"update_id": 9001, "message": {"message_id": 1, "date": 1, "text": "你好",
                                             "chat": {"id": CHAT, "type": "private"}}}
    try:
        async with httpx.AsyncClient() as client:
            refused = await client.post(f"http://127.0.0.1:{port}/hook", json=update)
            wrong = await client.post(f"http://127.0.0.1:{port}/hook", json=update,
                                      headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
            accepted = await client.post(f"http://127.0.0.1:{port}/hook", json=update,
                                         headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
        await fake.wait_for(lambda: len(fake.texts(CHAT)) == 1)
    finally:
        await application.updater.stop()
        await application.stop()
        await application.post_stop(application)
        await application.shutdown()
    assert refused.status_code == 403 and wrong.status_code == 403 and accepted.status_code == 200
    assert dialogue.received == [(str(CHAT), "你好")]
    assert fake.sent("setWebhook")[0]["secret_token"] == "s3cret"
