"""POST /export.csv and /export.xlsx: the queue's filtered leads as a file; names and phones for supervisors only."""

import csv
import html
import io
import re
from datetime import datetime, timezone
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from bot.store import audit
from bot.store.casework import move
from bot.store.models import Lead
from bot.store.session import open_session
from tests.bot.web.conftest import make_lead, post_form

UTC = timezone.utc
PERSONAL = ("王五", "13800138000", "李四", "13912345678")


@pytest.fixture
def leads(app):
    """Three leads; b is being verified."""
    a = make_lead(sector="construction", amount_yuan=28000, location="深圳市宝安区", employer_name="鼎盛建筑公司",
                  project_name="翠湖花园三期", reporter_name="王五", phone="13800138000", worker_count=12,
                  created_at=datetime(2025, 3, 1, 8, 0, tzinfo=UTC))
    b = make_lead(channel="cli", sector="other", amount_yuan=5000, location="东莞市长安镇", employer_name="华强电子厂",
                  reporter_name="李四", phone="13912345678", created_at=datetime(2025, 3, 5, 8, 0, tzinfo=UTC))
    c = make_lead(sector="construction", location="广州市天河区", employer_name="老王",
                  created_at=datetime(2025, 3, 10, 8, 0, tzinfo=UTC))
    with open_session() as session:
        move(session, session.get(Lead, b.id), "verifying", "li")
    return {"a": a.reference, "b": b.reference, "c": c.reference}


def csv_rows(response):
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # the BOM Excel needs to read Chinese
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _column(rows, title):
    index = rows[0].index(title)
    return [row[index] for row in rows[1:]]


def _export_entries():
    with open_session() as session:
        return [(entry.actor, entry.detail) for entry in audit.entries(session) if entry.action == "export"]


def export_form(page_html):
    """The queue page's export form: its action and the hidden fields it posts."""
    form = re.search(r'<form method="post" action="(/export\.csv)" class="exports">(.*?)</form>', page_html, re.S)
    assert form, "the queue has no export form"
    fields = {html.unescape(name): html.unescape(value)
              for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2))}
    return form.group(2), fields


def export(client, kind="csv", query=""):
    """Press an export button on the queue page as a browser would (no JavaScript): POST its form."""
    page = client.get(f"/?{query}" if query else "/")
    form, fields = export_form(page.text)
    assert f'formaction="/export.{kind}"' in form or kind == "csv"
    return client.post(f"/export.{kind}", data=fields)


@pytest.mark.parametrize("page", ["/export.csv", "/export.xlsx", "/export.csv?status=new"])
def test_strangers_are_sent_to_the_login_page(anonymous, leads, page):
    response = anonymous.get(page, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=" + quote(page, safe="")
    assert leads["a"] not in response.text and "鼎盛建筑公司" not in response.text
    posted = post_form(anonymous, page, {}, page="/login", follow_redirects=False)
    assert posted.status_code == 403 and leads["a"] not in posted.text
    assert _export_entries() == []


@pytest.mark.parametrize("page, back", [("/export.csv", "/"), ("/export.xlsx?status=new&q=鼎盛", "/?status=new&q=")])
def test_a_get_gives_no_file_and_writes_no_audit_entry(staff, supervisor, leads, page, back):
    """A link, an <img>, a prefetch or another site cannot export: a GET only goes back to the queue."""
    for client in (staff, supervisor):
        response = client.get(page, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith(back)
        assert "content-disposition" not in response.headers and leads["a"] not in response.text
        assert client.get(page).status_code == 200  # the queue, with the same filters
    assert _export_entries() == []


def test_an_export_without_the_csrf_token_is_refused(staff, leads):
    """Another site's page can post a form to the console, but cannot know the token."""
    for data in ({}, {"csrf": "not-the-token"}):
        response = staff.post("/export.csv", data=data)
        assert response.status_code == 403 and "content-disposition" not in response.headers
    assert _export_entries() == []


def test_the_queue_offers_exports_as_buttons_of_a_post_form(staff, leads):
    page = staff.get("/?status=new&sort=oldest&page=1").text
    assert 'href="/export.' not in page  # no link that exports
    form, fields = export_form(page)
    assert fields.pop("csrf") and fields == {"status": "new", "sort": "oldest"}
    assert '<button type="submit" class="export">导出 CSV</button>' in form
    assert '<button type="submit" class="export" formaction="/export.xlsx">导出 XLSX</button>' in form


def test_filters_that_do_not_parse_are_refused_not_dropped(staff, leads):
    """A dropped filter would export more than was asked for: refused with the filter named."""
    response = post_form(staff, "/export.csv", {"status": "new", "amount_min": "9" * 30, "date_to": "9999-12-31"})
    assert response.status_code == 400 and "content-disposition" not in response.headers
    assert "导出条件格式不对：登记日期（到）、金额（从）" in response.text
    assert _export_entries() == []


def test_staff_get_a_csv_of_every_lead_without_names_or_phones(staff, leads):
    response = export(staff, "csv")
    assert response.headers["content-disposition"].startswith('attachment; filename="leads-')
    assert response.headers["content-disposition"].endswith('.csv"')
    rows = csv_rows(response)
    assert rows[0][:5] == ["线索编号", "登记时间", "状态", "领域", "欠薪方"]
    assert "反映人" not in rows[0] and "联系电话" not in rows[0]
    assert _column(rows, "线索编号") == [leads["c"], leads["b"], leads["a"]]  # newest first, as the queue
    assert _column(rows, "状态") == ["新线索", "核实中", "新线索"]
    assert _column(rows, "欠薪方") == ["老王", "华强电子厂", "鼎盛建筑公司"]
    assert _column(rows, "金额（元）") == ["", "5000", "28000"]
    assert all(len(row) == len(rows[0]) for row in rows)
    for personal in PERSONAL:
        assert personal not in response.content.decode("utf-8-sig")


def test_staff_get_an_xlsx_of_every_lead_without_names_or_phones(staff, leads):
    response = export(staff, "xlsx")
    assert response.headers["content-disposition"].endswith('.xlsx"')
    rows = xlsx_rows(response)
    assert "反映人" not in rows[0] and "联系电话" not in rows[0]
    assert _column(rows, "线索编号") == [leads["c"], leads["b"], leads["a"]]
    assert _column(rows, "金额（元）") == [None, 5000, 28000]  # numbers stay numbers
    assert _column(rows, "人数") == [None, None, 12]
    assert _column(rows, "领域") == ["工程建设领域", "非工程建设领域", "工程建设领域"]
    for row in rows:
        for personal in PERSONAL:
            assert personal not in row


def test_a_supervisors_csv_holds_names_and_phones(supervisor, leads):
    rows = csv_rows(export(supervisor, "csv"))
    assert rows[0][-2:] == ["反映人", "联系电话"]
    assert _column(rows, "线索编号") == [leads["c"], leads["b"], leads["a"]]
    assert _column(rows, "反映人") == ["", "李四", "王五"]
    assert _column(rows, "联系电话") == ["", "13912345678", "13800138000"]


def test_a_supervisors_xlsx_holds_names_and_phones(supervisor, leads):
    rows = xlsx_rows(export(supervisor, "xlsx"))
    assert rows[0][-2:] == ["反映人", "联系电话"]
    assert _column(rows, "反映人") == [None, "李四", "王五"]
    assert _column(rows, "联系电话") == [None, "13912345678", "13800138000"]  # text, leading digits kept


@pytest.mark.parametrize("query, expected", [
    ("status=verifying", "b"),
    ("status=new", "ca"),
    ("q=电子", "b"),
    ("q=翠湖", "a"),
    ("sector=construction&sort=oldest", "ac"),
    ("place=深圳", "a"),
    ("channel=cli", "b"),
    ("date_from=2025-03-05", "cb"),
    ("amount_min=10000", "a"),
    ("q=nothing-matches", ""),
])
def test_the_queues_filters_limit_the_rows(staff, leads, query, expected):
    by_reference = {reference: name for name, reference in leads.items()}
    in_csv = _column(csv_rows(export(staff, "csv", query)), "线索编号")
    in_xlsx = _column(xlsx_rows(export(staff, "xlsx", query)), "线索编号")
    assert "".join(by_reference[reference] for reference in in_csv) == expected
    assert in_xlsx == in_csv


def test_each_export_is_written_to_the_audit_log(staff, supervisor, leads):
    export(staff, "csv", "status=new&q=鼎盛")
    export(supervisor, "xlsx")
    entries = _export_entries()  # newest first
    assert entries == [
        ("zhang", {"format": "xlsx", "leads": 3, "personal": True, "filters": {}}),
        ("li", {"format": "csv", "leads": 1, "personal": False, "filters": {"status": "new", "q": "鼎盛"}}),
    ]


def test_an_unknown_format_is_not_found_and_not_logged(staff, leads):
    for response in (staff.get("/export.pdf"), post_form(staff, "/export.pdf", {})):
        assert response.status_code == 404
        assert leads["a"] not in response.text
    assert _export_entries() == []


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://evil.example\",\"点这里\")", "=1+2", "+86", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_exported_as_text(staff, supervisor, app, name):
    make_lead(employer_name=name, reporter_name="-王五", phone="13800138000")
    in_csv = csv_rows(export(staff, "csv"))
    assert _column(in_csv, "欠薪方") == ["'" + name]
    sheet = load_workbook(io.BytesIO(export(staff, "xlsx").content)).active
    column = [cell.value for cell in sheet[1]].index("欠薪方") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.value == "'" + name and cell.data_type == "s"  # a string, not a formula
    personal = xlsx_rows(export(supervisor, "xlsx"))
    assert _column(personal, "反映人") == ["'-王五"]
