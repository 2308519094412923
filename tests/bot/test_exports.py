import io
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from bot.exports import lead_rows, stats_rows, to_csv, to_xlsx
from bot.stats import build_report


def lead(**fields):
    base = dict(reference="QX-261126-7KD3", created_at=datetime(2026, 11, 26, 8, 30, tzinfo=timezone.utc),
                status="new", sector="construction", employer_name="老王", project_name="翠湖花园二期",
                location="东莞长安镇", amount_yuan=28000, amount_approximate=False, worker_count=12,
                period_text="三个月", channel="telegram", transfer_target=None, outcome=None, amount_recovered=None,
                workers_paid=None, reporter_name="张建国", phone="13812345678", accepted_at=None)
    base.update(fields)
    return SimpleNamespace(**base)


def test_personal_fields_only_for_supervisors():
    staff, supervisor = lead_rows([lead()], personal=False), lead_rows([lead()], personal=True)
    assert "反映人" not in staff[0] and "13812345678" not in staff[1]
    assert supervisor[0][-2:] == ["反映人", "联系电话"] and supervisor[1][-2:] == ["张建国", "13812345678"]
    assert staff[1][:4] == ["QX-261126-7KD3", "2026-11-26 16:30", "新线索", "工程建设领域"]  # Beijing time


def test_csv_has_a_bom_and_formulas_are_kept_as_text():
    data = to_csv(lead_rows([lead(employer_name="=HYPERLINK(\"x\")")], personal=False))
    assert data.startswith("\ufeff".encode()) and "'=HYPERLINK" in data.decode("utf-8-sig")


def test_xlsx_reads_back():
    workbook = load_workbook(io.BytesIO(to_xlsx(lead_rows([lead(), lead(reference="QX-2")], personal=False))))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "线索编号" and [r[0] for r in rows[1:]] == ["QX-261126-7KD3", "QX-2"]
    assert rows[1][7] == 28000


def test_statistics_table():
    report = build_report([lead(), lead(sector="other", location="杭州")], date(2026, 11, 1), date(2026, 11, 30))
    rows = stats_rows(report)
    assert rows[1][:2] == ["合计", 2] and rows[2][0] == "工程建设领域" and rows[3][0] == "非工程建设领域"
    assert [r[0] for r in rows[4:]] == ["广东省", "浙江省", "2026-11"]


@pytest.mark.security
def test_control_characters_in_a_workers_words_do_not_break_an_export():
    from bot.exports import _safe_text, to_csv

    assert _safe_text("鼎盛\x01电子\x0b厂\x00") == "鼎盛电子厂"
    assert _safe_text("\t=1+1") == "'\t=1+1"
    assert to_csv([["鼎盛\x00电子厂"]]).decode("utf-8-sig").strip() == "鼎盛电子厂"
