"""The queue's marks: 群体性欠薪 (one employer or project, many workers or much money), 可能重复, 已超期."""

import re
from datetime import datetime, time, timedelta, timezone

import pytest

from bot.deadlines import is_working_day
from bot.store.casework import move
from bot.store.models import Lead
from bot.store.session import open_session
from tests.bot.web.conftest import REFERENCE, make_lead, post_form, references

UTC = timezone.utc
BEIJING = timezone(timedelta(hours=8))
MARK = re.compile(r'<span class="(?:collective|overdue|duplicate)"[^>]*>([^<]+)</span>')


def marks(html):
    """Reference -> the marks on its row of the queue."""
    shown = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        reference = REFERENCE.search(row)
        if reference:
            shown[reference.group()] = set(MARK.findall(row))
    return shown


def marks_on(client, query=""):
    page = client.get("/" + (f"?{query}" if query else ""))
    assert page.status_code == 200
    return marks(page.text)


def days_ago(days, hour=4):
    """A filing time that many days back, at noon Beijing time (so the UTC and Beijing dates agree)."""
    day = datetime.now(BEIJING).date() - timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _move(lead, *steps):
    with open_session() as session:
        row = session.get(Lead, lead.id)
        for status, options in steps:
            move(session, row, status, "li", **options)


# Collective cases

@pytest.fixture
def groups(app):
    """Two collective groups matched tolerantly, a near miss that matches but is too small, and a lone lead."""
    created = datetime.now(UTC) - timedelta(hours=1)
    leads = {
        # 鸿运电子有限公司 = 鸿運電子公司 (Traditional characters, 有限公司/公司): 6 + 5 = 11 workers
        "e1": make_lead(employer_name="鸿运电子有限公司", worker_count=6, amount_yuan=20000, location="东莞市",
                        sender_id="e1", created_at=created - timedelta(days=3)),
        "e2": make_lead(employer_name="鸿運電子公司", worker_count=5, amount_yuan=15000, location="东莞市",
                        sender_id="e2", created_at=created - timedelta(days=2)),
        # 翠湖花园二期 = 翠湖花园2期, under different employer nicknames: 60,000 + 50,000 yuan
        "p1": make_lead(employer_name="老王", project_name="翠湖花园二期", worker_count=3, amount_yuan=60000,
                        location="深圳市宝安区", sender_id="p1", created_at=created - timedelta(days=4)),
        "p2": make_lead(employer_name="包工头", project_name="翠湖花园2期", worker_count=2, amount_yuan=50000,
                        location="深圳市宝安区", sender_id="p2", created_at=created - timedelta(days=5)),
        # 大成物流 = 大成物流公司, but 5 + 4 = 9 workers and 40,000 + 59,999 = 99,999 yuan: not collective
        "n1": make_lead(employer_name="大成物流", worker_count=5, amount_yuan=40000, sender_id="n1",
                        created_at=created),
        "n2": make_lead(employer_name="大成物流公司", worker_count=4, amount_yuan=59999, sender_id="n2",
                        created_at=created - timedelta(minutes=1)),
        # 鸿运物流 shares a word with 鸿运电子 and 大成物流 but is another employer
        "x": make_lead(employer_name="鸿运物流有限公司", worker_count=2, amount_yuan=1000, sender_id="x",
                       created_at=created - timedelta(minutes=2)),
    }
    return {name: lead.reference for name, lead in leads.items()}


def test_tolerantly_matched_groups_with_ten_workers_or_100000_yuan_are_collective(staff, groups):
    shown = marks_on(staff)
    assert set(shown) == set(groups.values())
    collective = {name for name, reference in groups.items() if "群体性欠薪" in shown[reference]}
    assert collective == {"e1", "e2", "p1", "p2"}


def test_the_mark_says_how_big_the_group_is(staff, groups):
    page = staff.get("/").text
    assert 'title="同一欠薪方或项目共2条线索、11人、35,000元">群体性欠薪</span>' in page
    assert 'title="同一欠薪方或项目共2条线索、5人、110,000元">群体性欠薪</span>' in page
    assert page.count(">群体性欠薪</span>") == 4


def test_a_group_is_marked_even_when_the_filter_shows_one_of_its_leads(staff, groups):
    shown = marks_on(staff, "q=鸿運")
    assert shown == {groups["e2"]: {"群体性欠薪"}}


@pytest.mark.parametrize("fields", [{"worker_count": 10}, {"amount_yuan": 100000}])
def test_one_report_for_ten_workers_or_100000_yuan_is_collective_on_its_own(staff, app, fields):
    big = make_lead(employer_name="华强电子厂", **fields)
    small = make_lead(employer_name="华强五金厂", worker_count=9, amount_yuan=99999)
    shown = marks_on(staff)
    assert "群体性欠薪" in shown[big.reference] and "群体性欠薪" not in shown[small.reference]


def test_sort_collective_puts_collective_leads_first_newest_first_within(staff, groups):
    assert references(staff.get("/?sort=newest").text)[:3] == [groups["n1"], groups["n2"], groups["x"]]
    order = references(staff.get("/?sort=collective").text)
    assert order == [groups[name] for name in ("e2", "e1", "p1", "p2", "n1", "n2", "x")]
    assert 'value="collective" selected' in staff.get("/?sort=collective").text


def test_sort_collective_keeps_the_other_filters(staff, groups):
    assert references(staff.get("/?sort=collective&q=物流").text) == [groups["n1"], groups["n2"], groups["x"]]
    assert references(staff.get("/?sort=collective&place=深圳").text) == [groups["p1"], groups["p2"]]


def test_sort_collective_pages_through_every_lead(staff, app):
    start = datetime.now(UTC) - timedelta(days=2)
    old = [make_lead(employer_name="鸿运电子有限公司", worker_count=6, sender_id=f"old-{n}",
                     created_at=start - timedelta(days=n)).reference for n in range(2)]
    new = [make_lead(employer_name=f"公司{n:02d}", sender_id=f"new-{n}",
                     created_at=start + timedelta(minutes=n)).reference for n in range(52)]
    first = references(staff.get("/?sort=collective").text)
    second = references(staff.get("/?sort=collective&page=2").text)
    assert first[:2] == old and len(first) == 50
    assert first[2:] == new[::-1][:48] and second == new[::-1][48:]


# Possible duplicates

def test_the_same_phone_against_the_same_employer_within_30_days_may_be_a_duplicate(staff, app):
    first = make_lead(employer_name="鼎盛建筑公司", phone="13800138000", created_at=days_ago(20))
    again = make_lead(employer_name="鼎盛建筑有限公司", phone="13800138000", created_at=days_ago(2))
    other_employer = make_lead(employer_name="华强电子厂", phone="13800138000", created_at=days_ago(1))
    other_phone = make_lead(employer_name="鼎盛建筑公司", phone="13912345678", created_at=days_ago(1))
    shown = marks_on(staff)
    assert "可能重复" in shown[again.reference]
    for lead in (first, other_employer, other_phone):
        assert "可能重复" not in shown[lead.reference]
    assert staff.get("/").text.count(">可能重复</span>") == 1


def test_reports_more_than_30_days_apart_are_not_duplicates(staff, app):
    first = make_lead(employer_name="鼎盛建筑公司", phone="13800138000", created_at=days_ago(75))
    later = make_lead(employer_name="鼎盛建筑公司", phone="13800138000", created_at=days_ago(40))
    latest = make_lead(employer_name="鼎盛建筑公司", phone="13800138000", created_at=days_ago(5))
    shown = marks_on(staff)
    assert all("可能重复" not in shown[lead.reference] for lead in (first, later, latest))


def test_no_phone_or_no_employer_is_never_a_duplicate(staff, app):
    leads = [make_lead(employer_name="鼎盛建筑公司", created_at=days_ago(3)),
             make_lead(employer_name="鼎盛建筑公司", created_at=days_ago(2)),
             make_lead(phone="13800138000", created_at=days_ago(3)),
             make_lead(phone="13800138000", created_at=days_ago(2))]
    shown = marks_on(staff)
    assert all("可能重复" not in shown[lead.reference] for lead in leads)


# Statutory deadlines

def _working_days_back(count):
    """The day, counting back from today (Beijing), with exactly `count` working days after it up to today."""
    day, seen = datetime.now(BEIJING).date(), 0
    while seen < count:
        seen += is_working_day(day)
        day -= timedelta(days=1)
    return (datetime.now(BEIJING).date() - day).days


def test_a_new_lead_filed_more_than_five_working_days_ago_is_overdue(staff, app):
    fresh = make_lead(employer_name="今天的")
    five = make_lead(employer_name="五个工作日", created_at=days_ago(_working_days_back(5)))
    six = make_lead(employer_name="六个工作日", created_at=days_ago(_working_days_back(6)))
    old = make_lead(employer_name="一个月前", created_at=days_ago(30))
    shown = marks_on(staff)
    assert "已超期" not in shown[fresh.reference] and "已超期" not in shown[five.reference]
    assert "已超期" in shown[six.reference] and "已超期" in shown[old.reference]
    assert staff.get("/").text.count(">已超期</span>") == 2


def test_an_accepted_lead_has_sixty_working_days_and_a_closed_one_none(staff, app):
    verifying = make_lead(employer_name="核实中", created_at=days_ago(30))
    _move(verifying, ("verifying", {}))
    closed = make_lead(employer_name="已办结", created_at=days_ago(200))
    _move(closed, ("closed", {"outcome": "rejected", "reason": "不属于欠薪"}))
    stale = make_lead(employer_name="拖了很久", created_at=days_ago(150))
    _move(stale, ("verifying", {}))
    shown = marks_on(staff)
    assert "已超期" not in shown[verifying.reference] and "已超期" not in shown[closed.reference]
    assert "已超期" in shown[stale.reference]


def test_the_clock_restarts_when_a_lead_is_transferred(staff, app):
    lead = make_lead(employer_name="转办了", created_at=days_ago(150))
    _move(lead, ("transferred", {"transfer_target": "labour_inspection"}))
    assert "已超期" not in marks_on(staff)[lead.reference]
    with open_session() as session:
        session.get(Lead, lead.id).transferred_at = days_ago(150)
        session.commit()
    assert "已超期" in marks_on(staff)[lead.reference]


def test_a_fresh_lead_carries_no_marks(staff, app):
    lead = make_lead(employer_name="鼎盛建筑公司", phone="13800138000", worker_count=2, amount_yuan=5000)
    assert marks_on(staff) == {lead.reference: set()}


def test_the_collective_filter_keeps_only_collective_cases_in_the_queue_and_the_export(staff, groups):
    shown = set(references(staff.get("/?collective=1&sort=newest").text))
    everything = set(references(staff.get("/?sort=newest").text))
    assert shown and shown < everything
    page = staff.get("/?collective=1")
    assert page.text.count("群体性欠薪</span>") == len(shown)
    exported = post_form(staff, "/export.csv", {"collective": "1"}).content.decode("utf-8-sig")
    assert {line.split(",")[0] for line in exported.splitlines()[1:]} == shown
