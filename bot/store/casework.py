"""Working a lead: the status workflow, field corrections and notes, each written to the audit log.

新线索 (new) → 核实中 (verifying) → 已转办 (transferred, to a body in TRANSFER_TARGETS) → 已办结 (closed,
追回 with the amount recovered and workers paid, or 不予受理/无法核实 with a reason). A lead may also be
closed straight from new or verifying (e.g. refused, or paid after one phone call).

Two staff may change the same lead at once. Lead.version is SQLAlchemy's version_id_col, so a change
to a lead that someone else changed since it was read is refused (Conflict), never merged into a
contradictory lead: callers pass the version the staff member saw, and a change that loses the race
to the database (StaleDataError) is rolled back whole, history row and worker's message included.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.store import audit
from bot.store.leads import change_status
from bot.store.models import OUTCOMES, STATUSES, TRANSFER_TARGETS, Lead, LeadNote, utcnow

NEXT = {"new": ("verifying", "transferred", "closed"), "verifying": ("transferred", "closed"),
        "transferred": ("closed",), "closed": ()}
# Fields staff may correct, with their type.
EDITABLE = {"employer_name": str, "project_name": str, "location": str, "sector": str, "amount_yuan": int,
            "worker_count": int, "period_text": str, "reporter_name": str, "phone": str, "assigned_to": str}


class WorkflowError(ValueError):
    """A change the workflow does not allow; the message says why, in Chinese, for the console."""


class Conflict(WorkflowError):
    """The lead was changed by someone else after it was read; nothing was saved."""

    def __init__(self) -> None:
        super().__init__("刚被他人修改，请刷新后再试。")


def check_version(lead: Lead, seen: Optional[int]) -> None:
    """Refuse a change made on a page that showed an older version of the lead (None: just read)."""
    if seen is not None and lead.version != seen:
        raise Conflict()


@contextmanager
def _unless_changed_meanwhile(session: Session) -> Iterator[None]:
    """Commit inside; if the lead's UPDATE finds another version, roll everything back: Conflict."""
    try:
        yield
    except StaleDataError:
        session.rollback()
        raise Conflict() from None


def move(session: Session, lead: Lead, to_status: str, actor: str, *, transfer_target: Optional[str] = None,
         outcome: Optional[str] = None, amount_recovered: Optional[int] = None,
         workers_paid: Optional[int] = None, reason: Optional[str] = None, version: Optional[int] = None) -> None:
    check_version(lead, version)
    if to_status not in NEXT.get(lead.status, ()):
        names = STATUSES.get(lead.status, lead.status), STATUSES.get(to_status, to_status)
        raise WorkflowError("不能从“{}”改为“{}”".format(*names))
    before = {"status": lead.status}
    now = utcnow()
    if to_status == "transferred":
        if transfer_target not in TRANSFER_TARGETS:
            raise WorkflowError("请选择转办去向")
        lead.transfer_target, lead.transferred_at = transfer_target, now
    if to_status == "closed":
        if outcome not in OUTCOMES:
            raise WorkflowError("请选择办结结果")
        if outcome == "recovered":
            if amount_recovered is None or amount_recovered < 0 or not workers_paid or workers_paid < 1:
                raise WorkflowError("追回的，请填写追回金额和拿到工资的人数")
            lead.amount_recovered, lead.workers_paid = amount_recovered, workers_paid
        elif not (reason or "").strip():
            raise WorkflowError("不予受理或无法核实的，请写明理由")
        lead.outcome, lead.close_reason, lead.closed_at = outcome, (reason or "").strip() or None, now
    if lead.accepted_at is None and (to_status in ("verifying", "transferred") or outcome == "recovered"):
        lead.accepted_at = now  # 立案
    audit.record(session, actor, "change_status", lead.id, commit=False, before=before,
                 after={"status": to_status, "transfer_target": transfer_target, "outcome": outcome,
                        "amount_recovered": amount_recovered, "workers_paid": workers_paid, "reason": reason})
    with _unless_changed_meanwhile(session):
        change_status(session, lead, to_status, changed_by=actor, note=reason)  # commits, queues the worker's message


def correct_field(session: Session, lead: Lead, field: str, value: Any, actor: str,
                  version: Optional[int] = None) -> None:
    check_version(lead, version)
    if field not in EDITABLE:
        raise WorkflowError(f"字段“{field}”不能修改")
    if value in ("", None):
        value = None
    else:
        try:
            value = EDITABLE[field](value)
        except (TypeError, ValueError):
            raise WorkflowError("请填写数字") from None
    before = getattr(lead, field)
    if before == value:
        return
    setattr(lead, field, value)
    audit.record(session, actor, "edit_field", lead.id, commit=False, field=field, before=before, after=value)
    with _unless_changed_meanwhile(session):
        session.commit()


def add_note(session: Session, lead: Lead, author: str, text: str) -> LeadNote:
    text = text.strip()
    if not text:
        raise WorkflowError("备注不能为空")
    note = LeadNote(lead_id=lead.id, author=author, text=text[:5000])
    session.add(note)
    audit.record(session, author, "add_note", lead.id, commit=False, length=len(text))
    session.commit()
    return note
