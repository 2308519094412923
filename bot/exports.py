"""The queue as CSV or XLSX for staff, and the statistics table as XLSX.

Personal fields (the worker's name and phone) are exported for supervisors only.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, List, Sequence

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from bot.beijing_time import in_beijing
from bot.stats import SECTORS, Figures, Report
from bot.store.models import OUTCOMES, STATUSES, TRANSFER_TARGETS, Lead

COLUMNS = [
    ("reference", "线索编号"), ("created_at", "登记时间"), ("status", "状态"), ("sector", "领域"),
    ("employer_name", "欠薪方"), ("project_name", "项目"), ("location", "地点"), ("amount_yuan", "金额（元）"),
    ("amount_approximate", "金额为约数"), ("worker_count", "人数"), ("period_text", "欠薪时间"),
    ("channel", "渠道"), ("transfer_target", "转办去向"), ("outcome", "办结结果"),
    ("amount_recovered", "追回金额（元）"), ("workers_paid", "拿到工资人数"),
]
PERSONAL_COLUMNS = [("reporter_name", "反映人"), ("phone", "联系电话")]


def _value(lead: Lead, field: str) -> object:
    value = getattr(lead, field)
    if field == "created_at":
        return f"{in_beijing(value):%Y-%m-%d %H:%M}"
    if field == "status":
        return STATUSES.get(value, value)
    if field == "sector":
        return SECTORS.get(value or "other")
    if field == "transfer_target":
        return TRANSFER_TARGETS.get(value, value or "")
    if field == "outcome":
        return OUTCOMES.get(value, value or "")
    if isinstance(value, bool):
        return "是" if value else ""
    return "" if value is None else value


def lead_rows(leads: Iterable[Lead], personal: bool) -> List[List[object]]:
    columns = COLUMNS + (PERSONAL_COLUMNS if personal else [])
    return [[title for _, title in columns]] + [[_value(lead, field) for field, _ in columns] for lead in leads]


def _safe_text(value: object) -> object:
    """Cells starting with = + - @ (or a tab or return before them) are formulas to Excel: keep workers'
    text as text; control characters, which Excel and the csv module refuse, are dropped."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value).replace("\x00", "")
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def to_csv(rows: Sequence[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Chinese."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[_safe_text(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Sequence[Sequence[object]], title: str = "线索") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append([_safe_text(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stats_rows(report: Report) -> List[List[object]]:
    header = ["分组", "受理线索（起）", "立案（起）", "结案（起）", "办结率（%）", "反映金额（万元）",
              "追回金额（万元）", "涉及劳动者（人）", "追回工资人数（人）"]

    def row(label: str, f: Figures) -> List[object]:
        return [label, f.received, f.accepted, f.closed, f.closure_rate, float(f.claimed_wan),
                float(f.recovered_wan), f.workers_affected, f.workers_paid]

    rows = [header, row("合计", report.total)]
    rows += [row(SECTORS[key], figures) for key, figures in report.by_sector.items()]
    rows += [row(place, figures) for place, figures in report.by_place.items()]
    rows += [row(month, figures) for month, figures in report.by_month.items()]
    return rows
