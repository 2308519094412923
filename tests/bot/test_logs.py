"""No names, phones, ID numbers or message text in log lines: a failed filing and a failed login, driven for real."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from bot import logs
from bot.actions.file_lead import ActionFileLead
from bot.store.session import session_factory
from tests.bot.actions.test_file_lead import SLOTS, tracker

pytestmark = pytest.mark.security

ID_NUMBER = "11010519491231002X"  # a valid GB 11643 number (check digit X)
PERSONAL = ("张建国", "13812345678", "老王", "翠湖花园", "w-leak")


@pytest.fixture
def redacting():
    """The redacting record factory for one test, then the one there was before."""
    before = logging.getLogRecordFactory()
    logs.install()
    logs.install()  # twice is once
    yield
    logging.setLogRecordFactory(before)


def test_redact_hides_phones_id_numbers_and_chinese_text():
    line = f"chat 123456789 said 我叫张建国 电话138 1234 5678, ID {ID_NUMBER}, landline 020-87654321, ok"
    clean = logs.redact(line)
    for secret in ("张建国", "138 1234 5678", ID_NUMBER, "87654321"):
        assert secret not in clean
    assert "chat 123456789 said" in clean and "[phone]" in clean and "110***" in clean and "ok" in clean


@pytest.mark.parametrize("written", ["138.1234.5678", "(0755)12345678", "0755 1234 5678", "+86 138-1234-5678",
                                     "110105 19491231 002X", "王𠮷"])
def test_numbers_written_in_groups_and_rare_characters_are_redacted_too(written):
    assert written not in logs.redact(f"value {written} end") and "end" in logs.redact(f"value {written} end")


def test_every_record_is_redacted_whatever_logger_and_args(redacting, caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("some.library").info("user %s phone %s", "李四", "13900001111")
    try:
        raise ValueError("bad value 王五 13900002222")
    except ValueError:
        logging.getLogger("bot.anything").exception("failed for %s", "赵六")
    assert "李四" not in caplog.text and "13900001111" not in caplog.text
    assert "王五" not in caplog.text and "13900002222" not in caplog.text and "赵六" not in caplog.text
    assert "ValueError" in caplog.text and "Traceback" in caplog.text  # the error itself is still there


async def test_a_failed_filing_logs_no_personal_data(dispatcher, domain, use_database, sqlite_url, caplog):
    """The first line of defence alone (no redacting factory): the engine hides statement parameters."""
    use_database(sqlite_url)
    with session_factory(sqlite_url)() as session:  # the schema exists, then the insert fails
        session.execute(text("DROP TABLE transcript_entry"))
        session.commit()
    caplog.set_level(logging.DEBUG)
    await ActionFileLead().run(dispatcher, tracker("w-leak"), domain)
    assert dispatcher.messages[0]["response"] == "utter_file_failed"  # it did fail, and was kept in the spool
    assert "filing failed" in caplog.text and "no such table" in caplog.text
    for secret in PERSONAL + (SLOTS["phone"],):
        assert secret not in caplog.text, secret

