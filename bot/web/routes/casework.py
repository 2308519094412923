"""The lead page's forms: next status, field corrections, notes; refusals shown on the page in Chinese.

Each form posts, the store (bot/store/casework.py) checks and audits the change, and a success
redirects back to the lead (so a reload does not post twice).
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.fields import SECTOR_LABELS
from bot.store import casework
from bot.store.casework import EDITABLE, WorkflowError
from bot.store.models import Lead
from bot.store.session import open_session
from bot.web.forms import form_of, optional_int, text
from bot.web.routes.lead import find_lead, render_lead
from bot.web.sessions import staff_name

# Large enough for any real claim, small enough for the database's integer columns.
MAX_YUAN = 10**11
MAX_WORKERS = 100_000
def _number(value: str, largest: int) -> int | None:
    try:
        number = optional_int(value)
    except ValueError:
        raise WorkflowError("请填写数字") from None
    if number is not None and not 0 <= number <= largest:
        raise WorkflowError("数字超出范围")
    return number


def _change_status(request: Request, session: Session, lead: Lead) -> str:
    form = form_of(request)
    to_status = text(form, "to_status")
    if not to_status:
        raise WorkflowError("请选择要改成的状态")
    closing = to_status == "closed"
    casework.move(
        session, lead, to_status, staff_name(request),
        transfer_target=(text(form, "transfer_target") or None) if to_status == "transferred" else None,
        outcome=(text(form, "outcome") or None) if closing else None,
        amount_recovered=_number(form.get("amount_recovered", ""), MAX_YUAN) if closing else None,
        workers_paid=_number(form.get("workers_paid", ""), MAX_WORKERS) if closing else None,
        reason=text(form, "reason")[:2000] or None,
    )
    return "status"


def _correct_field(request: Request, session: Session, lead: Lead) -> str:
    form = form_of(request)
    field, value = text(form, "field"), text(form, "value")
    if field not in EDITABLE:
        raise WorkflowError(f"字段“{field}”不能修改")
    if field == "sector" and value:
        value = {label: code for code, label in SECTOR_LABELS.items()}.get(value, value)
        if value not in SECTOR_LABELS:
            raise WorkflowError("行业请选择“工程建设领域”或“非工程建设领域”")
    if EDITABLE[field] is int:
        value = _number(value, MAX_YUAN if field == "amount_yuan" else MAX_WORKERS)
    else:
        longest = Lead.__table__.c[field].type.length
        if longest and len(value) > longest:
            raise WorkflowError(f"内容太长，最多 {longest} 个字")
    casework.correct_field(session, lead, field, value, staff_name(request))
    return "field"


def _add_note(request: Request, session: Session, lead: Lead) -> str:
    casework.add_note(session, lead, staff_name(request), form_of(request).get("text", ""))
    return "note"


def _handler(action: Callable[[Request, Session, Lead], str]) -> Callable[[Request], Response]:
    def handle(request: Request) -> Response:
        lead_id = request.path_params["lead_id"]
        with open_session() as session:
            lead = find_lead(session, lead_id)
            try:
                saved = action(request, session, lead)
            except WorkflowError as error:
                session.rollback()
                lead = find_lead(session, lead_id)
                return render_lead(request, session, lead, error=str(error), status_code=400)
        return RedirectResponse(f"/leads/{lead_id}?saved={saved}", status_code=303)

    return handle


routes = [
    Route("/leads/{lead_id:int}/status", _handler(_change_status), methods=["POST"]),
    Route("/leads/{lead_id:int}/fields", _handler(_correct_field), methods=["POST"]),
    Route("/leads/{lead_id:int}/notes", _handler(_add_note), methods=["POST"]),
]
