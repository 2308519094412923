"""The audit log page: who did what to which lead, newest first, for supervisors."""

import re

from bot.store import audit
from bot.store.session import open_session
from tests.bot.web.conftest import make_lead, post_form, version_of


def _rows(page):
    """(actor, action) of each row of the log table."""
    return re.findall(r"<tr>\s*<td>[^<]+</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", page)


def test_the_log_names_actors_actions_and_leads_newest_first(supervisor, staff):
    lead = make_lead(employer_name="老王", phone="13800138000")
    staff.get(f"/leads/{lead.id}")
    post_form(staff, f"/leads/{lead.id}/fields", {"field": "phone", "value": "13900000000",
                                                  "version": version_of(lead.id)}, page="/")
    page = supervisor.get("/audit").text
    rows = _rows(page)
    assert rows[:3] == [("li", "查看线索"), ("li", "更正字段"), ("li", "查看线索")]
    assert ("zhang", "登录") in rows and ("li", "登录") in rows
    assert f'<a href="/leads/{lead.id}">{lead.id}</a>' in page
    assert "{&#34;field&#34;: &#34;phone&#34;, &#34;before&#34;: &#34;13800138000&#34;" in page
    assert _rows(supervisor.get(f"/audit?lead={lead.id}").text) == [("li", "查看线索"), ("li", "更正字段"),
                                                                     ("li", "查看线索")]


def test_the_log_pages_by_one_hundred(supervisor):
    with open_session() as session:
        for n in range(150):
            audit.record(session, f"actor-{n:03d}", "export", commit=False)
        session.commit()
    first = supervisor.get("/audit").text
    assert "actor-149" in first and "actor-050" in first and "actor-049" not in first
    assert 'href="/audit?page=2"' in first
    second = supervisor.get("/audit?page=2").text
    assert "actor-049" in second and "actor-000" in second and "导出" in second and "下一页" not in second
