"""Reports kept on disk while the database was down: one bad file never holds up the others."""

import json

import pytest

from bot import spool
from bot.store.leads import leads_for_sender
from bot.store.session import session_factory

pytestmark = pytest.mark.security


def _record(key: str, employer: str) -> dict:
    return {"intake_key": key, "channel": "cli", "sender_id": f"s-{key}", "fields": {"employer_name": employer},
            "transcript": [["user", "老板欠钱", None]]}


def test_a_broken_or_refused_file_is_set_aside_and_the_rest_are_filed(use_database, postgres_url, tmp_path):
    use_database(postgres_url)
    folder = spool.get_settings().spool_dir
    folder.mkdir(parents=True)
    (folder / "a-truncated.json").write_text('{"intake_key": "x", "trans', encoding="utf-8")
    spool.spool_lead(_record("b-nul", "鼎盛\x00电子厂"))  # PostgreSQL refuses NUL in text
    spool.spool_lead(_record("c-good", "鼎盛电子厂"))
    assert spool.replay() == 1
    with session_factory(postgres_url)() as session:
        assert [lead.employer_name for lead in leads_for_sender(session, "s-c-good")] == ["鼎盛电子厂"]
    assert sorted(p.name for p in (folder / "rejected").iterdir()) == ["a-truncated.json", "b-nul.json"]
    assert not list(folder.glob("*.json"))
    assert json.loads((folder / "rejected" / "b-nul.json").read_text(encoding="utf-8"))["intake_key"] == "b-nul"
