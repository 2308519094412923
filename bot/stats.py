"""Figures for legal-aid reports: received, accepted (立案), closed (结案), closure rate (办结率), amounts in 万元.

Definitions (so that every report counts the same way):
- received: leads filed in the period;
- accepted (立案): of those, leads moved on from 新线索 without being refused (accepted_at set);
- closed (结案): accepted leads now 已办结; closure rate = closed / accepted;
- amount claimed: sum of the amounts workers gave (the low end of a range); recovered: sum of 追回 amounts;
- workers affected: sum of worker counts (1 when not given); workers paid: sum over 追回 leads.
Sector: 工程建设领域 = sector "construction", everything else 非工程建设领域.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Dict, Iterable, List

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.beijing_time import BEIJING, in_beijing
from bot.places import province_of
from bot.store.models import Lead

SECTORS = {"construction": "工程建设领域", "other": "非工程建设领域"}
# Report days and months are Beijing days, as in the console; the database keeps UTC (SQLite without a zone).


@dataclass
class Figures:
    received: int = 0
    accepted: int = 0
    closed: int = 0
    amount_claimed: int = 0
    amount_recovered: int = 0
    workers_affected: int = 0
    workers_paid: int = 0

    def add(self, lead: Lead) -> None:
        self.received += 1
        self.amount_claimed += lead.amount_yuan or 0
        self.workers_affected += lead.worker_count or 1
        if lead.accepted_at is not None:
            self.accepted += 1
            if lead.status == "closed":
                self.closed += 1
        if lead.outcome == "recovered":
            self.amount_recovered += lead.amount_recovered or 0
            self.workers_paid += lead.workers_paid or 0

    @property
    def closure_rate(self) -> float:
        """Percent, one decimal."""
        return round(100 * self.closed / self.accepted, 1) if self.accepted else 0.0

    @property
    def claimed_wan(self) -> str:
        return f"{self.amount_claimed / 10000:.2f}"

    @property
    def recovered_wan(self) -> str:
        return f"{self.amount_recovered / 10000:.2f}"


@dataclass
class Report:
    start: date
    end: date
    total: Figures
    by_sector: Dict[str, Figures]
    by_place: Dict[str, Figures]
    by_month: Dict[str, Figures]


def leads_in(session: Session, start: date, end: date) -> List[Lead]:
    since = datetime.combine(start, time.min, tzinfo=BEIJING).astimezone(timezone.utc)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=BEIJING).astimezone(timezone.utc)
    query = select(Lead).where(Lead.created_at >= since, Lead.created_at < until).order_by(Lead.created_at)
    return list(session.execute(query).scalars())


def build_report(leads: Iterable[Lead], start: date, end: date) -> Report:
    report = Report(start, end, Figures(), {key: Figures() for key in SECTORS}, {}, {})
    for lead in leads:
        report.total.add(lead)
        report.by_sector["construction" if lead.sector == "construction" else "other"].add(lead)
        report.by_place.setdefault(province_of(lead.location) or "未知地区", Figures()).add(lead)
        report.by_month.setdefault(f"{in_beijing(lead.created_at):%Y-%m}", Figures()).add(lead)
    report.by_place = dict(sorted(report.by_place.items(), key=lambda item: -item[1].received))
    report.by_month = dict(sorted(report.by_month.items()))
    return report




def situation_summary(report: Report) -> str:
    """The one-paragraph text used in government situation reports."""
    total, construction, other = report.total, report.by_sector["construction"], report.by_sector["other"]

    def part(figures: Figures) -> str:
        return (f"受理线索{figures.received}起，办结{figures.closed}起，办结率{figures.closure_rate:.1f}%，"
                f"为{figures.workers_paid}名劳动者追回工资{figures.recovered_wan}万元")

    return (f"截至{report.end.year}年{report.end.month}月{report.end.day}日，共{part(total)}；"
            f"其中工程建设领域{part(construction)}；非工程建设领域{part(other)}。"
            f"涉及劳动者{total.workers_affected}人，反映欠薪金额{total.claimed_wan}万元。")


def bar_chart_svg(values: Dict[str, float], title: str, width: int = 560, bar_height: int = 22) -> str:
    """A horizontal bar chart as SVG text, rendered on the server (no JavaScript, no CDN)."""
    from html import escape

    top = max(values.values(), default=0) or 1
    rows = []
    for i, (label, value) in enumerate(values.items()):
        y = 30 + i * (bar_height + 6)
        length = int((width - 200) * value / top)
        rows.append(f'<text x="0" y="{y + 16}" font-size="13">{escape(str(label))}</text>'
                    f'<rect x="120" y="{y}" width="{length}" height="{bar_height}" fill="#3b6ea5"/>'
                    f'<text x="{126 + length}" y="{y + 16}" font-size="13">{value:g}</text>')
    height = 40 + len(values) * (bar_height + 6)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(title)}"><text x="0" y="16" font-size="15" font-weight="bold">{escape(title)}</text>'
            + "".join(rows) + "</svg>")
