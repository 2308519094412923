"""The queue: 群体性欠薪 first then newest, filters as GET parameters, search, sort orders, pages of 50."""

from datetime import datetime, timedelta, timezone

import pytest

from bot.store.casework import move
from bot.store.models import Lead
from bot.store.session import open_session
from tests.bot.web.conftest import make_lead, references

UTC = timezone.utc


@pytest.fixture
def leads(app):
    """Four leads a few days apart; the first was filed at 01:00 Beijing time on 2 March (17:00 UTC on 1 March)."""
    a = make_lead(sector="construction", amount_yuan=28000, location="深圳市宝安区", employer_name="鼎盛建筑公司",
                  project_name="翠湖花园三期", reporter_name="王五", phone="13800138000", worker_count=12,
                  created_at=datetime(2025, 3, 1, 17, 0, tzinfo=UTC))
    b = make_lead(channel="cli", sector="other", amount_yuan=5000, location="东莞市长安镇", employer_name="华强电子厂",
                  project_name="装配车间", needs_check=["amount_yuan"], reporter_name="李四", phone="13912345678",
                  created_at=datetime(2025, 3, 5, 2, 0, tzinfo=UTC))
    c = make_lead(sector="construction", location="广州市天河区", employer_name="老王",
                  created_at=datetime(2025, 2, 20, 8, 0, tzinfo=UTC))
    d = make_lead(channel="cli", sector="other", amount_yuan=150000, location="深圳市南山区", employer_name="大成物流",
                  needs_check=["employer_name"], created_at=datetime(2025, 3, 10, 8, 0, tzinfo=UTC))
    with open_session() as session:
        move(session, session.get(Lead, b.id), "verifying", "li")
    return {"a": a.reference, "b": b.reference, "c": c.reference, "d": d.reference}


def _shown(client, leads, query=""):
    """The leads on the page, by name; newest first unless the query sorts otherwise."""
    if "sort=" not in query:
        query = "&".join(part for part in (query, "sort=newest") if part)
    page = client.get(f"/?{query}")
    assert page.status_code == 200
    by_reference = {reference: name for name, reference in leads.items()}
    return "".join(by_reference[reference] for reference in references(page.text))


def test_the_queue_shows_collective_cases_then_the_newest_first_without_names_or_phones(staff, leads):
    page = staff.get("/")
    by_reference = {reference: name for name, reference in leads.items()}
    assert "".join(by_reference[r] for r in references(page.text)) == "dabc"  # d ¥150,000, a 12 workers: 群体性
    assert _shown(staff, leads, "sort=newest") == "dbac"
    for column in ("编号", "登记日期", "状态", "欠薪方", "项目", "地点", "金额（元）", "人数", "渠道", "需核实"):
        assert f"<th>{column}</th>" in page.text
    assert "翠湖花园三期" in page.text and "28,000" in page.text and "150,000" in page.text and "核实中" in page.text
    assert "2025-03-02" in page.text  # filed at 01:00 Beijing time, shown on the Beijing date
    assert "Telegram" in page.text and "命令行" in page.text
    assert page.text.count("⚠ 需核实</span>") == 2
    for personal in ("王五", "13800138000", "李四", "13912345678"):
        assert personal not in page.text


@pytest.mark.parametrize("sort, order", [("newest", "dbac"), ("oldest", "cabd"), ("amount_desc", "dabc"),
                                         ("needs_check", "dbac")])
def test_sort_orders(staff, leads, sort, order):
    assert _shown(staff, leads, f"sort={sort}") == order


def test_needs_check_puts_flagged_leads_first_whatever_their_age(staff, leads):
    make_lead(employer_name="最新的", created_at=datetime(2025, 4, 1, tzinfo=UTC))
    page = staff.get("/?sort=needs_check")
    shown = references(page.text)
    assert shown[:2] == [leads["d"], leads["b"]] and len(shown) == 5


@pytest.mark.parametrize("query, expected", [
    ("status=verifying", "b"),
    ("status=new", "dac"),
    ("sector=construction", "ac"),
    ("sector=other", "db"),
    ("date_from=2025-03-02", "dba"),
    ("date_to=2025-03-01", "c"),
    ("date_from=2025-03-02&date_to=2025-03-05", "ba"),
    ("amount_min=10000", "da"),
    ("amount_max=10000", "b"),
    ("amount_min=5000&amount_max=28000", "ba"),
    ("place=深圳", "da"),
    ("channel=cli", "db"),
    ("channel=telegram", "ac"),
    ("q=翠湖", "a"),
    ("q=电子", "b"),
    ("q=老王", "c"),
    ("q=装配", "b"),
    ("q=100%25", ""),
    ("sector=other&amount_min=10000", "d"),
    ("place=深圳&sort=oldest", "ad"),
])
def test_filters_and_search(staff, leads, query, expected):
    assert _shown(staff, leads, query) == expected


def test_search_finds_a_reference_typed_in_lower_case(staff, leads):
    assert _shown(staff, leads, f"q={leads['c'].lower()}") == "c"


def test_values_that_do_not_parse_are_ignored_and_said_so(staff, leads):
    page = staff.get("/?amount_min=很多&date_from=yesterday&status=lost&sort=random")
    assert references(page.text) and _shown(staff, leads, "amount_min=很多&sort=random") == "dabc"  # default order
    assert "以下条件格式不对，已忽略：状态、登记日期（从）、金额（从）、排序" in page.text


def test_counts_per_status_follow_the_other_filters(staff, leads):
    page = staff.get("/?status=verifying").text
    assert '新线索 <strong>3</strong>' in page and '核实中 <strong>1</strong>' in page
    assert '已转办 <strong>0</strong>' in page and '已办结 <strong>0</strong>' in page
    page = staff.get("/?sector=construction").text
    assert '新线索 <strong>2</strong>' in page and '核实中 <strong>0</strong>' in page
    assert 'href="/?status=verifying&amp;sector=construction"' in page  # a count links to its leads


def test_fifty_leads_a_page(staff, app):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(55):
        make_lead(employer_name=f"公司{n}", location="佛山", created_at=start + timedelta(hours=n))
    make_lead(employer_name="别处", location="珠海", created_at=start + timedelta(days=30))
    first = staff.get("/?place=佛山")
    assert "共 55 条，第 1 / 2 页" in first.text and len(references(first.text)) == 50
    assert "公司54" in first.text and "公司4<" not in first.text
    assert 'href="/?place=%E4%BD%9B%E5%B1%B1&amp;page=2"' in first.text and "上一页" not in first.text
    second = staff.get("/?place=佛山&page=2")
    assert "第 2 / 2 页" in second.text and len(references(second.text)) == 5 and "下一页" not in second.text
    assert not set(references(first.text)) & set(references(second.text))
    assert "公司0<" in second.text and "上一页" in second.text
    beyond = staff.get("/?place=佛山&page=9")
    assert references(beyond.text) == references(second.text)  # past the end: the last page
    assert len(references(staff.get("/").text)) == 50 and "共 56 条" in staff.get("/").text
