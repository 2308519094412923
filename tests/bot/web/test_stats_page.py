"""GET /stats and POST /stats.xlsx: a report's figures for a date range, by sector, place and month, with charts."""

import io
import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from bot.store.casework import move
from bot.store.models import Lead
from bot.store.session import open_session
from tests.bot.web.conftest import make_lead, post_form

UTC = timezone.utc
BEIJING = timezone(timedelta(hours=8))
SUMMARY = re.compile(r'<p id="summary"[^>]*>(.*?)</p>', re.S)
RANGE = "date_from=2025-03-01&date_to=2025-04-30"


def _moved(lead, *steps):
    """Move a lead through the workflow: each step is (status, keyword arguments)."""
    with open_session() as session:
        row = session.get(Lead, lead.id)
        for status, options in steps:
            move(session, row, status, "li", **options)


@pytest.fixture
def report_leads(app):
    """Five leads in March and April 2025, and two outside (February, May) that a March–April report leaves out."""
    a = make_lead(sector="construction", amount_yuan=280000, worker_count=12, location="深圳市宝安区",
                  employer_name="鼎盛建筑公司", created_at=datetime(2025, 3, 5, 2, 0, tzinfo=UTC))
    _moved(a, ("verifying", {}), ("transferred", {"transfer_target": "labour_inspection"}),
           ("closed", {"outcome": "recovered", "amount_recovered": 260000, "workers_paid": 12}))
    b = make_lead(sector="construction", amount_yuan=50000, worker_count=3, location="东莞市长安镇",
                  created_at=datetime(2025, 4, 10, 2, 0, tzinfo=UTC))
    _moved(b, ("verifying", {}))
    c = make_lead(sector="other", amount_yuan=8000, worker_count=1, location="杭州市滨江区",
                  created_at=datetime(2025, 4, 12, 2, 0, tzinfo=UTC))
    _moved(c, ("closed", {"outcome": "recovered", "amount_recovered": 8000, "workers_paid": 1}))
    d = make_lead(sector="other", amount_yuan=6000, location="杭州市西湖区",
                  created_at=datetime(2025, 4, 15, 2, 0, tzinfo=UTC))
    _moved(d, ("closed", {"outcome": "rejected", "reason": "不属于欠薪"}))
    make_lead(created_at=datetime(2025, 3, 20, 2, 0, tzinfo=UTC))  # no sector, amount or count given
    before = make_lead(sector="construction", amount_yuan=999999, worker_count=40, location="深圳市南山区",
                       created_at=datetime(2025, 2, 27, 2, 0, tzinfo=UTC))
    _moved(before, ("closed", {"outcome": "recovered", "amount_recovered": 500000, "workers_paid": 30}))
    make_lead(sector="other", amount_yuan=70000, worker_count=7, location="上海市",
              created_at=datetime(2025, 5, 2, 2, 0, tzinfo=UTC))


def summary_of(html):
    return SUMMARY.search(html).group(1).strip()


def table_rows(html):
    """Each table row's cells, as text."""
    return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
            if "<td>" in row]


def row_of(html, label):
    rows = [row for row in table_rows(html) if row and row[0] == label]
    assert len(rows) == 1, (label, rows)
    return rows[0]


@pytest.mark.parametrize("page", ["/stats", "/stats.xlsx", f"/stats?{RANGE}"])
def test_strangers_are_sent_to_the_login_page(anonymous, report_leads, page):
    response = anonymous.get(page, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=" + quote(page, safe="")
    assert "受理线索" not in response.text


def test_the_summary_gives_the_figures_for_the_range(staff, report_leads):
    page = staff.get(f"/stats?{RANGE}")
    assert page.status_code == 200
    assert summary_of(page.text) == (
        "截至2025年4月30日，共受理线索5起，办结2起，办结率66.7%，为13名劳动者追回工资26.80万元；"
        "其中工程建设领域受理线索2起，办结1起，办结率50.0%，为12名劳动者追回工资26.00万元；"
        "非工程建设领域受理线索3起，办结1起，办结率100.0%，为1名劳动者追回工资0.80万元。"
        "涉及劳动者18人，反映欠薪金额34.40万元。")


def test_the_sector_table_separates_construction_from_the_rest(staff, report_leads):
    page = staff.get(f"/stats?{RANGE}").text
    # label, received, accepted (立案), closed, closure rate, claimed, recovered, workers affected, workers paid
    assert row_of(page, "合计") == ["合计", "5", "3", "2", "66.7%", "34.40", "26.80", "18", "13"]
    assert row_of(page, "工程建设领域") == ["工程建设领域", "2", "2", "1", "50.0%", "33.00", "26.00", "15", "12"]
    assert row_of(page, "非工程建设领域") == ["非工程建设领域", "3", "1", "1", "100.0%", "1.40", "0.80", "3", "1"]


def test_places_and_months_have_their_own_rows(staff, report_leads):
    page = staff.get(f"/stats?{RANGE}").text
    assert row_of(page, "广东省")[1:4] == ["2", "2", "1"]
    assert row_of(page, "浙江省")[1:4] == ["2", "1", "1"]
    assert row_of(page, "未知地区")[1:2] == ["1"]
    assert row_of(page, "2025-03")[1:3] == ["2", "1"] and row_of(page, "2025-04")[1:3] == ["3", "2"]
    assert "上海市" not in page and "2025-02" not in page and "2025-05" not in page


def test_three_charts_are_drawn_inline_as_svg(staff, report_leads):
    page = staff.get(f"/stats?{RANGE}").text
    charts = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(charts) == 3 and "&lt;svg" not in page  # markup, not escaped text
    titles = [re.search(r'aria-label="([^"]+)"', chart).group(1) for chart in charts]
    assert titles == ["每月受理线索（起）", "按地区受理线索（起）", "按领域追回金额（万元）"]
    assert ">2025-03<" in charts[0] and ">2025-04<" in charts[0] and ">广东省<" in charts[1]
    assert ">工程建设领域<" in charts[2] and ">26<" in charts[2] and ">0.8<" in charts[2]


def test_the_date_range_leaves_out_leads_outside_it(staff, report_leads):
    march = staff.get("/stats?date_from=2025-03-01&date_to=2025-03-31").text
    assert summary_of(march).startswith("截至2025年3月31日，共受理线索2起，办结1起，办结率100.0%，"
                                        "为12名劳动者追回工资26.00万元；")
    assert row_of(march, "合计")[1] == "2" and "2025-04" not in march
    wider = staff.get("/stats?date_from=2025-01-01&date_to=2025-12-31").text
    assert row_of(wider, "合计")[1:4] == ["7", "4", "3"]
    assert summary_of(wider).startswith("截至2025年12月31日，共受理线索7起")
    assert 'name="date_from" value="2025-01-01"' in wider and 'name="date_to" value="2025-12-31"' in wider
    export = wider.split('<form method="post" action="/stats.xlsx" class="exports">')[1].split("</form>")[0]
    assert '<input type="hidden" name="date_from" value="2025-01-01">' in export
    assert '<input type="hidden" name="date_to" value="2025-12-31">' in export and 'href="/stats.xlsx' not in wider
    empty = staff.get("/stats?date_from=2024-01-01&date_to=2024-12-31").text
    assert summary_of(empty).startswith("截至2024年12月31日，共受理线索0起，办结0起，办结率0.0%")


def test_a_range_given_backwards_is_turned_round(staff, report_leads):
    page = staff.get("/stats?date_from=2025-04-30&date_to=2025-03-01").text
    assert 'name="date_from" value="2025-03-01"' in page and 'name="date_to" value="2025-04-30"' in page
    assert summary_of(page).startswith("截至2025年4月30日，共受理线索5起")


def test_the_default_range_is_this_year_to_today_in_beijing(staff, app):
    today = datetime.now(BEIJING).date()
    make_lead(sector="construction", amount_yuan=20000, worker_count=2)
    make_lead(sector="other", created_at=datetime(today.year - 1, 12, 30, 2, 0, tzinfo=UTC))
    for page in (staff.get("/stats").text, staff.get("/stats?date_from=someday&date_to=never").text):
        assert summary_of(page).startswith(f"截至{today.year}年{today.month}月{today.day}日，共受理线索1起，")
        assert f'name="date_from" value="{date(today.year, 1, 1).isoformat()}"' in page
        assert f'name="date_to" value="{today.isoformat()}"' in page
        assert row_of(page, "工程建设领域")[1] == "1" and row_of(page, "非工程建设领域")[1] == "0"


def test_days_are_beijing_days_as_in_the_queue(staff, app):
    """01:00 Beijing time on 1 March is 17:00 UTC on 28 February; 04:00 on 1 May is 20:00 UTC on 30 April."""
    make_lead(sector="construction", amount_yuan=10000, created_at=datetime(2025, 2, 28, 17, 0, tzinfo=UTC))
    make_lead(sector="other", amount_yuan=20000, created_at=datetime(2025, 4, 30, 20, 0, tzinfo=UTC))
    page = staff.get(f"/stats?{RANGE}").text
    queue = staff.get(f"/?{RANGE}").text
    assert "共 1 条" in queue
    assert row_of(page, "合计")[1] == "1" and row_of(page, "工程建设领域")[1] == "1"
    assert row_of(page, "2025-03")[1] == "1" and "2025-02" not in page and "2025-05" not in page


def xlsx(client, date_from, date_to):
    """Press 导出 XLSX on the statistics page: a POST form with the CSRF token and the range shown."""
    return post_form(client, "/stats.xlsx", {"date_from": date_from, "date_to": date_to}, page="/stats")


def test_the_xlsx_has_the_total_first_then_sectors_places_and_months(staff, report_leads):
    response = xlsx(staff, "2025-03-01", "2025-04-30")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["content-disposition"] == 'attachment; filename="stats-20250301-20250430.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.active.title == "统计"
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert rows[0][:2] == ["分组", "受理线索（起）"]
    assert rows[1] == ["合计", 5, 3, 2, 66.7, 34.4, 26.8, 18, 13]
    assert rows[2] == ["工程建设领域", 2, 2, 1, 50.0, 33.0, 26.0, 15, 12]
    assert rows[3] == ["非工程建设领域", 3, 1, 1, 100.0, 1.4, 0.8, 3, 1]
    assert [row[0] for row in rows[4:]] == ["广东省", "浙江省", "未知地区", "2025-03", "2025-04"]


def test_the_xlsx_follows_the_range(staff, report_leads):
    rows = list(load_workbook(io.BytesIO(xlsx(staff, "2025-02-01", "2025-02-28").content))
                .active.iter_rows(values_only=True))
    assert rows[1] == ("合计", 1, 1, 1, 100.0, 100.0, 50.0, 40, 30)  # 999,999 yuan claimed is 100.00 万元
    assert [row[0] for row in rows[2:]] == ["工程建设领域", "非工程建设领域", "广东省", "2025-02"]


def test_a_get_of_the_xlsx_address_gives_no_file(staff, report_leads):
    response = staff.get(f"/stats.xlsx?{RANGE}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/stats?{RANGE}"
    assert "content-disposition" not in response.headers
    refused = staff.post("/stats.xlsx", data={"date_from": "2025-03-01", "date_to": "2025-04-30"})
    assert refused.status_code == 403 and "content-disposition" not in refused.headers  # no CSRF token


@pytest.mark.parametrize("query, ignored", [
    ("date_from=0001-01-01&date_to=2025-04-30", "开始日期"),
    ("date_from=2025-03-01&date_to=9999-12-31", "结束日期"),
    ("date_from=2025-02-30&date_to=" + "9" * 5000, "开始日期、结束日期"),
    ("date_from=%00&date_to=2025-04-30", "开始日期"),
])
def test_dates_out_of_range_are_ignored_and_named(staff, report_leads, query, ignored):
    page = staff.get(f"/stats?{query}")
    assert page.status_code == 200 and f"以下条件格式不对，已忽略：{ignored}</p>" in page.text
    values = dict(part.split("=", 1) for part in query.split("&"))
    refused = xlsx(staff, values["date_from"].replace("%00", "\x00"), values["date_to"])
    assert refused.status_code == 400 and f"导出条件格式不对：{ignored}" in refused.text
