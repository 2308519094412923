"""The queue of leads: filters, free-text search, sort order and pages, as one query on both databases.

Filters arrive as GET parameters (so a filtered queue is a link staff can share) and are read by
bot/web/forms.py: values that do not parse or are out of range are ignored and named on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Dict, List, Mapping, Optional, Set

from sqlalchemy import String, and_, case, cast, func, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from bot.beijing_time import BEIJING
from bot.fields import SECTOR_LABELS
from bot.store.models import STATUSES, Lead
from bot.web.forms import MAX_PAGE, MAX_YUAN, QueryValues

PAGE_SIZE = 50
# The default puts 群体性欠薪 at the top, newest first within and below it.
SORTS = {"collective": "群体性欠薪在前，再按最新", "newest": "最新登记在前", "oldest": "最早登记在前",
         "amount_desc": "金额从高到低", "needs_check": "需核实的在前"}
DEFAULT_SORT = "collective"
FILTER_NAMES = ("status", "sector", "date_from", "date_to", "amount_min", "amount_max", "place", "channel", "q",
                "collective")
# How the page names a filter it could not apply.
FILTER_LABELS = {"status": "状态", "sector": "行业", "date_from": "登记日期（从）", "date_to": "登记日期（到）",
                 "amount_min": "金额（从）", "amount_max": "金额（到）", "place": "地点", "channel": "渠道",
                 "q": "搜索", "collective": "只看群体性欠薪", "sort": "排序", "page": "页码"}


@dataclass
class QueueFilter:
    status: Optional[str] = None
    sector: Optional[str] = None
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    amount_min: Optional[int] = None
    amount_max: Optional[int] = None
    place: Optional[str] = None
    channel: Optional[str] = None
    q: Optional[str] = None
    collective: Optional[str] = None  # "1": only 群体性欠薪 (the ids come from bot/web/case_marks.py)
    sort: str = DEFAULT_SORT
    page: int = 1
    ignored: List[str] = field(default_factory=list)  # labels of the parameters that did not parse
    collective_ids: Set[int] = field(default_factory=set)  # set by the route before querying

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> QueueFilter:
        values = QueryValues(params, FILTER_LABELS)
        chosen = cls(
            status=values.choice("status", STATUSES), sector=values.choice("sector", SECTOR_LABELS),
            date_from=values.day("date_from"), date_to=values.day("date_to"),
            amount_min=values.number("amount_min", MAX_YUAN), amount_max=values.number("amount_max", MAX_YUAN),
            place=values.text("place"), channel=values.text("channel"), q=values.text("q"),
            collective=values.choice("collective", {"1": "只看群体性欠薪"}),
            sort=values.choice("sort", SORTS) or DEFAULT_SORT,
            page=values.number("page", MAX_PAGE, smallest=1) or 1,
        )
        chosen.ignored = values.ignored
        return chosen

    def conditions(self, with_status: bool = True) -> List[ColumnElement]:
        where: List[ColumnElement] = []
        if with_status and self.status:
            where.append(Lead.status == self.status)
        if self.sector:
            where.append(Lead.sector == self.sector)
        if self.date_from:
            where.append(Lead.created_at >= _start_of(self.date_from))
        if self.date_to:
            where.append(Lead.created_at < _start_of(self.date_to + timedelta(days=1)))
        if self.amount_min is not None:
            where.append(Lead.amount_yuan >= self.amount_min)
        if self.amount_max is not None:
            where.append(Lead.amount_yuan <= self.amount_max)
        if self.place:
            where.append(Lead.location.contains(self.place, autoescape=True))
        if self.channel:
            where.append(Lead.channel == self.channel)
        if self.collective:
            where.append(Lead.id.in_(sorted(self.collective_ids) or [-1]))
        if self.q:
            needle = self.q.lower()
            where.append(or_(*(func.lower(column).contains(needle, autoescape=True)
                               for column in (Lead.employer_name, Lead.project_name, Lead.reference))))
        return where

    def params(self, **changes: object) -> Dict[str, str]:
        """The filters as GET parameters (for links to other pages or sorts), empty ones left out."""
        values = {name: getattr(self, name) for name in FILTER_NAMES}
        values.update(sort=self.sort, page=self.page)
        values.update(changes)
        return {name: str(value) for name, value in values.items()
                if value not in (None, "") and not (name == "sort" and value == DEFAULT_SORT)
                and not (name == "page" and value == 1)}


@dataclass
class QueuePage:
    leads: List[Lead]
    total: int
    page: int
    pages: int
    counts: Dict[str, int]  # per status, under the other filters


def load_queue(session: Session, chosen: QueueFilter) -> QueuePage:
    """One page of the queue; with sort "collective", chosen.collective_ids come first (newest first within)."""
    where = chosen.conditions()
    total = session.execute(select(func.count(Lead.id)).where(and_(true(), *where))).scalar_one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(chosen.page, pages)
    query: Select = select(Lead).where(and_(true(), *where)).order_by(*_order(chosen.sort))
    if chosen.sort == "collective":
        ids = list(session.execute(query.with_only_columns(Lead.id)).scalars())
        ids.sort(key=lambda lead_id: lead_id not in chosen.collective_ids)  # stable: newest first within
        chosen_ids = ids[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        found = {lead.id: lead for lead in session.execute(select(Lead).where(Lead.id.in_(chosen_ids))).scalars()}
        leads = [found[lead_id] for lead_id in chosen_ids]
    else:
        leads = list(session.execute(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).scalars())
    counted = (select(Lead.status, func.count(Lead.id)).where(and_(true(), *chosen.conditions(with_status=False)))
               .group_by(Lead.status))
    counts = {status: 0 for status in STATUSES}
    counts.update({status: n for status, n in session.execute(counted)})
    return QueuePage(leads=leads, total=total, page=page, pages=pages, counts=counts)


def all_matching(session: Session, chosen: QueueFilter) -> List[Lead]:
    """Every lead the filters select (for exports): in the chosen SQL order, newest first for the default."""
    query = select(Lead).where(and_(true(), *chosen.conditions())).order_by(*_order(chosen.sort))
    return list(session.execute(query).scalars())


def channels_in_use(session: Session) -> List[str]:
    return sorted(session.execute(select(Lead.channel).distinct()).scalars())


def _order(sort: str) -> list:
    newest = [Lead.created_at.desc(), Lead.id.desc()]
    if sort == "oldest":
        return [Lead.created_at.asc(), Lead.id.asc()]
    if sort == "amount_desc":
        return [case((Lead.amount_yuan.is_(None), 1), else_=0), Lead.amount_yuan.desc(), *newest]
    if sort == "needs_check":
        # JSON is compared as text so the same query runs on SQLite and PostgreSQL.
        unchecked = or_(Lead.needs_check.is_(None), cast(Lead.needs_check, String).in_(("[]", "null")))
        return [case((unchecked, 1), else_=0), *newest]
    return newest


def _start_of(day: date) -> datetime:
    """Midnight Beijing time, as the stored UTC instant."""
    return datetime.combine(day, time.min, tzinfo=BEIJING).astimezone(timezone.utc)
