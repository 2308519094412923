"""A whole report through Telegram: the real client, the trained model, real actions, a real database."""

from __future__ import annotations

import pytest

from bot.channels.dialogue import RasaDialogue
from bot.channels.telegram_app import build_application
from bot.settings import get_settings
from bot.store.evidence import evidence_for_lead
from bot.store.leads import leads_for_sender
from bot.store.session import open_session
from tests.bot.channels.test_telegram import JPEG, _inbox_row, running
from tests.fake_telegram import TOKEN, FakeTelegram
from tests.test_cli import REPORT

pytestmark = pytest.mark.rasa
CHAT = 6660001


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'leads.db'}"
    return request.getfixturevalue("postgres_url")


async def test_a_report_from_first_message_to_reference_number_with_evidence(database, use_database, tmp_path,
                                                                            monkeypatch):
    use_database(database)
    fake = FakeTelegram().start()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_BASE_URL", fake.base_url)
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "evidence"))
    get_settings.cache_clear()
    photo = fake.add_file("attendance", JPEG)
    try:
        async with running(build_application(get_settings(), RasaDialogue(), background_interval=0.5)):
            for i, text in enumerate(REPORT):
                await _answered(fake, fake.message(CHAT, text))
                if i == 2:  # a photo of the attendance sheet while the report is taken
                    await _answered(fake, fake.message(CHAT, caption="考勤表",
                                                       photo=[{**photo, "width": 90, "height": 90}]))
            await _answered(fake, fake.message(CHAT, "/status"))
    finally:
        fake.stop()

    with open_session() as session:
        [lead] = leads_for_sender(session, str(CHAT))
        assert lead.channel == "telegram" and lead.reference in " ".join(fake.texts(CHAT))
        assert lead.employer_name == "老王" and lead.amount_yuan == 30000 and lead.worker_count == 12
        [evidence] = evidence_for_lead(session, lead.id)
        assert evidence.kind == "photo" and (tmp_path / "evidence" / evidence.path).read_bytes() == JPEG
    texts = fake.texts(CHAT)
    assert "证据已经保存" in " ".join(texts)
    assert lead.reference in texts[-1] and "新线索" in texts[-1]
    assert any(call.get("reply_markup") for call in fake.sent("sendMessage", CHAT))  # the summary's buttons


async def _answered(fake: FakeTelegram, update: dict) -> None:
    """Wait until the update is marked done in the inbox, which happens after all its replies are sent."""
    await fake.wait_for(lambda: _inbox_row(update["update_id"]) is not None
                        and _inbox_row(update["update_id"]).status == "done", timeout=120)
