"""The lead page's forms: next status, field corrections, notes; refusals shown on the page in Chinese.

Each form posts, its values are checked by bot/web/forms.py, the store (bot/store/casework.py)
checks and audits the change, and a success redirects back to the lead (so a reload does not post
twice). Forms that change the lead carry the version the page showed: a change made meanwhile by
someone else makes it a 409 with nothing saved, rather than two changes merged into one lead.
"""

from __future__ import annotations

from typing import Callable, Optional

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.fields import SECTOR_LABELS
from bot.store import casework
from bot.store.casework import EDITABLE, Conflict, WorkflowError
from bot.store.models import STATUSES, Lead
from bot.store.session import open_session
from bot.web.forms import MAX_ID, MAX_WORKERS, MAX_YUAN, BadValue, clean_text, form_of, whole_number
from bot.web.routes.lead import find_lead, lead_id_of, render_lead
from bot.web.sessions import staff_name

MAX_REASON, MAX_NOTE = 2000, 5000


def _value(request: Request, name: str, longest: int = 100) -> str:
    return clean_text(form_of(request).get(name), longest)


def _number(request: Request, name: str, largest: int) -> Optional[int]:
    return whole_number(form_of(request).get(name), largest)


def _version(request: Request) -> int:
    """The lead's version when the page was shown; a form without one is from an outdated page."""
    try:
        version = _number(request, "version", MAX_ID)
    except BadValue:
        version = None
    if version is None:
        raise BadValue("页面已过期，请刷新后再试。")
    return version


def _change_status(request: Request, session: Session, lead: Lead) -> str:
    to_status = _value(request, "to_status")
    if to_status not in STATUSES:
        raise WorkflowError("请选择要改成的状态")
    closing = to_status == "closed"
    casework.move(
        session, lead, to_status, staff_name(request),
        transfer_target=(_value(request, "transfer_target") or None) if to_status == "transferred" else None,
        outcome=(_value(request, "outcome") or None) if closing else None,
        amount_recovered=_number(request, "amount_recovered", MAX_YUAN) if closing else None,
        workers_paid=_number(request, "workers_paid", MAX_WORKERS) if closing else None,
        reason=_value(request, "reason", MAX_REASON) or None,
        version=_version(request),
    )
    return "status"


def _correct_field(request: Request, session: Session, lead: Lead) -> str:
    field = _value(request, "field")
    if field not in EDITABLE:
        raise WorkflowError(f"字段“{field}”不能修改")
    longest = getattr(Lead.__table__.c[field].type, "length", None) or 100  # numbers: 100, then checked
    value = _value(request, "value", longest)
    if field == "sector" and value:
        value = {label: code for code, label in SECTOR_LABELS.items()}.get(value, value)
        if value not in SECTOR_LABELS:
            raise WorkflowError("行业请选择“工程建设领域”或“非工程建设领域”")
    if EDITABLE[field] is int:
        value = whole_number(value, MAX_YUAN if field == "amount_yuan" else MAX_WORKERS)
    casework.correct_field(session, lead, field, value, staff_name(request), version=_version(request))
    return "field"


def _add_note(request: Request, session: Session, lead: Lead) -> str:
    """A note is a row of its own and leaves the lead as it is: no version needed."""
    casework.add_note(session, lead, staff_name(request), _value(request, "text", MAX_NOTE))
    return "note"


def _handler(action: Callable[[Request, Session, Lead], str]) -> Callable[[Request], Response]:
    def handle(request: Request) -> Response:
        lead_id = lead_id_of(request)
        with open_session() as session:
            lead = find_lead(session, lead_id)
            try:
                saved = action(request, session, lead)
            except (WorkflowError, BadValue) as error:
                session.rollback()
                lead = find_lead(session, lead_id)
                status_code = 409 if isinstance(error, Conflict) else 400
                return render_lead(request, session, lead, error=str(error), status_code=status_code)
        return RedirectResponse(f"/leads/{lead_id}?saved={saved}", status_code=303)

    return handle


routes = [
    Route("/leads/{lead_id}/status", _handler(_change_status), methods=["POST"]),
    Route("/leads/{lead_id}/fields", _handler(_correct_field), methods=["POST"]),
    Route("/leads/{lead_id}/notes", _handler(_add_note), methods=["POST"]),
]
