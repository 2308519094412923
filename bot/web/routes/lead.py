"""GET /leads/{id}: one lead in full, personal data included, so every view is written to the audit log."""

from __future__ import annotations

from typing import Optional

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.beijing_time import today as beijing_today
from bot.deadlines import clocks
from bot.store import audit
from bot.store.casework import EDITABLE, NEXT
from bot.store.evidence import evidence_for_lead
from bot.store.models import Lead
from bot.store.session import open_session
from bot.web.case_marks import case_marks
from bot.web.forms import path_id
from bot.web.labels import CASEWORK_FIELDS, FIELD_LABELS, PERSONAL_FIELDS, REPORT_FIELDS
from bot.web.lead_view import field_rows, needs_check_names, urgency_names
from bot.web.rendering import render
from bot.web.sessions import staff_name

SAVED = {"status": "状态已更新。", "field": "已更正。", "note": "备注已添加。"}
NO_LEAD = "没有这条线索"


def lead_id_of(request: Request) -> int:
    """The lead id in the path: 404 unless it is one an INTEGER column can hold."""
    return path_id(request, "lead_id", NO_LEAD)


def find_lead(session: Session, lead_id: int) -> Lead:
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise HTTPException(status_code=404, detail=NO_LEAD)
    return lead


def render_lead(request: Request, session: Session, lead: Lead, error: Optional[str] = None,
                status_code: int = 200) -> Response:
    """The lead page; writes view_lead, since the page shows the reporter's name and phone."""
    audit.record(session, staff_name(request), "view_lead", lead.id, reference=lead.reference)
    editable = [(name, FIELD_LABELS[name], "" if getattr(lead, name) is None else str(getattr(lead, name)))
                for name in EDITABLE]
    context = {
        "lead": lead,
        "report": field_rows(lead, REPORT_FIELDS),
        "personal": field_rows(lead, PERSONAL_FIELDS),
        "casework": field_rows(lead, CASEWORK_FIELDS),
        "urgency": urgency_names(lead),
        "needs_check": needs_check_names(lead),
        "evidence": evidence_for_lead(session, lead.id),
        "next_statuses": NEXT.get(lead.status, ()),
        "editable": editable,
        "error": error,
        "saved": SAVED.get(request.query_params.get("saved", "")) if error is None else None,
        **_case_context(session, lead),
    }
    return render(request, "lead.html", context, status_code=status_code)


def _case_context(session: Session, lead: Lead) -> dict:
    """Statutory clocks, the collective group and a possible earlier duplicate, for the lead page."""
    groups, duplicates = case_marks(session)
    group = groups.get(lead.id)
    others = [session.get(Lead, other) for other in (group.lead_ids if group else []) if other != lead.id]
    today = beijing_today()
    return {"clocks": clocks(lead.status, lead.created_at, lead.transferred_at, lead.deadline_extended, today),
            "group": group, "group_leads": [other for other in others if other is not None][:50],
            "duplicate_of": session.get(Lead, duplicates[lead.id]) if lead.id in duplicates else None}


def lead_page(request: Request) -> Response:
    with open_session() as session:
        lead = find_lead(session, lead_id_of(request))
        return render_lead(request, session, lead)


routes = [Route("/leads/{lead_id}", lead_page, methods=["GET"])]
