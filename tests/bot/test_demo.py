import pytest

from bot.demo import demo_lead_ids, fill
from bot.stats import build_report, leads_in, situation_summary
from bot.store.leads import file_lead
from bot.store.session import session_factory


def test_demo_data_is_realistic_and_marked(sqlite_url):
    with session_factory(sqlite_url)() as session:
        assert fill(session, count=120) == 120
        ids = demo_lead_ids(session)
        assert len(ids) == 120
        from datetime import date, timedelta

        leads = leads_in(session, date.today() - timedelta(days=366), date.today())
        report = build_report(leads, date.today() - timedelta(days=366), date.today())
        statuses = {lead.status for lead in leads}
        assert statuses == {"new", "verifying", "transferred", "closed"}
        assert all(lead.channel == "demo" and "演示数据" in lead.description for lead in leads)
        assert report.total.closed > 0 and report.total.amount_recovered > 0
        assert report.by_sector["construction"].received > 0 and report.by_sector["other"].received > 0
        assert "办结率" in situation_summary(report)


def test_demo_refuses_a_database_with_real_leads(sqlite_url):
    with session_factory(sqlite_url)() as session:
        file_lead(session, intake_key="real", channel="telegram", sender_id="1", fields={})
        with pytest.raises(RuntimeError):
            fill(session, count=5)
