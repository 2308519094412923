"""The queue's query on both databases (PostgreSQL compares JSON and dates differently from SQLite)."""

import uuid
from datetime import datetime, timezone

from bot.store.leads import file_lead
from bot.store.session import session_factory
from bot.web.queue import QueueFilter, load_queue

UTC = timezone.utc


def test_filters_sorts_and_counts_on_both_databases(database_url):
    place = f"测试镇{uuid.uuid4().hex[:6]}"  # the PostgreSQL database is shared: only our leads match
    with session_factory(database_url)() as session:
        made = {}
        for name, amount, flags, when in [("old", 900, ["amount_yuan"], datetime(2025, 3, 1, 17, tzinfo=UTC)),
                                          ("mid", None, [], datetime(2025, 3, 2, 8, tzinfo=UTC)),
                                          ("new", 50_000, [], datetime(2025, 3, 9, 8, tzinfo=UTC))]:
            lead, _ = file_lead(session, intake_key=uuid.uuid4().hex, channel="telegram", sender_id="q",
                                fields={"location": place, "employer_name": f"{name}_100%", "amount_yuan": amount,
                                        "needs_check": flags})
            lead.created_at = when
            made[lead.id] = name
        session.commit()

        def shown(**params):
            page = load_queue(session, QueueFilter.from_params({"place": place, **params}))
            return [made[lead.id] for lead in page.leads]

        assert shown() == ["new", "mid", "old"]
        assert shown(sort="needs_check") == ["old", "new", "mid"]
        assert shown(sort="amount_desc") == ["new", "old", "mid"]
        assert shown(date_from="2025-03-02", date_to="2025-03-02") == ["mid", "old"]  # 01:00 Beijing, 2 March
        assert shown(q="OLD_100%") == ["old"] and shown(q="_1") == ["new", "mid", "old"] and shown(q="x%") == []
        counts = load_queue(session, QueueFilter.from_params({"place": place, "status": "closed"})).counts
        assert counts == {"new": 3, "verifying": 0, "transferred": 0, "closed": 0}
