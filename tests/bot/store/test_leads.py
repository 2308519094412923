from datetime import datetime, timezone

import pytest

from bot.store.leads import file_lead, lead_as_dict, leads_for_sender
from bot.store.models import Lead
from bot.store.session import session_factory

FIELDS = {"employer_name": "<script>alert(1)</script>", "amount_yuan": 28000, "worker_count": 12,
          "sector": "construction", "reporter_name": "Robert'); DROP TABLE lead;--",
          "description": "啊" * 5000, "urgency_flags": ["spring_festival"],
          "field_sources": {"amount_yuan": {"text": "欠两万八", "words": "两万八"}}}


def _file(session, key="key-1", sender="worker-1"):
    return file_lead(session, intake_key=key, channel="cli", sender_id=sender, fields=FIELDS,
                     transcript=[("user", "欠两万八", datetime.now(timezone.utc)), ("bot", "好的", None)])


def test_filing_stores_everything_as_given(database_url):
    Session = session_factory(database_url)
    with Session() as session:
        lead, created = _file(session)
        assert created and lead.reference.startswith("QX-")
    with Session() as session:
        stored = session.get(Lead, lead.id)
        assert stored.employer_name == FIELDS["employer_name"]
        assert stored.reporter_name == FIELDS["reporter_name"]
        assert len(stored.description) == 5000
        assert [t.text for t in stored.transcript] == ["欠两万八", "好的"]
        assert [s.to_status for s in stored.status_history] == ["new"]
        assert lead_as_dict(stored)["field_sources"]["amount_yuan"]["words"] == "两万八"


def test_the_same_confirmation_twice_files_one_lead(database_url):
    Session = session_factory(database_url)
    with Session() as session:
        first, created_first = _file(session, key="twice")
    with Session() as session:
        second, created_second = _file(session, key="twice")
    assert created_first and not created_second
    assert first.id == second.id


def test_leads_for_sender_newest_first(database_url):
    Session = session_factory(database_url)
    with Session() as session:
        _file(session, key="a", sender="w-order")
        _file(session, key="b", sender="w-order")
        _file(session, key="c", sender="someone-else")
        leads = leads_for_sender(session, "w-order")
    assert [lead.intake_key for lead in leads] == ["b", "a"]


def test_unknown_fields_are_refused(database_url):
    with session_factory(database_url)() as session, pytest.raises(ValueError):
        file_lead(session, intake_key="x", channel="cli", sender_id="s", fields={"bank_card": "6222"})
