"""POST /export.csv and /export.xlsx: the filtered queue as a file; names and phones for supervisors only.

A POST form with the CSRF token (checked by the guard), not a link: an export writes the audit log
and carries personal data, so another site must not be able to start one, nor a prefetch or a
crawler. A GET of the same address only goes back to the queue with those filters.
"""

from __future__ import annotations

from datetime import datetime

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.exports import lead_rows, to_csv, to_xlsx
from bot.store import audit
from bot.store.session import open_session
from bot.web.case_marks import case_marks
from bot.web.forms import form_of
from bot.web.queue import QueueFilter, all_matching
from bot.web.rendering import render
from bot.web.sessions import is_supervisor, staff_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = ("csv", "xlsx")


def refuse_ignored(request: Request, ignored: list) -> Response:
    """An export never leaves a filter out: a file with more rows than asked for is a leak."""
    message = f"导出条件格式不对：{'、'.join(ignored)}。请回到页面重新筛选后再导出。"
    return render(request, "error.html", {"message": message, "status": 400}, status_code=400)


def back_to(page: str, request: Request) -> Response:
    """Old links and bookmarks to an export address: the page they came from, no file."""
    query = request.url.query
    return RedirectResponse(f"{page}?{query}" if query else page, status_code=303)


def export(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in KINDS:
        raise HTTPException(404)
    if request.method == "GET":
        return back_to("/", request)
    chosen = QueueFilter.from_params(form_of(request))
    if chosen.ignored:
        return refuse_ignored(request, chosen.ignored)
    personal = is_supervisor(request)
    with open_session() as session:
        groups, _ = case_marks(session)
        chosen.collective_ids = {lead_id for lead_id, group in groups.items() if group.collective}
        leads = all_matching(session, chosen)
        rows = lead_rows(leads, personal=personal)
        audit.record(session, staff_name(request), "export", format=kind, leads=len(leads), personal=personal,
                     filters=chosen.params())
    name = f"leads-{datetime.now():%Y%m%d-%H%M}.{kind}"
    body, media_type = (to_csv(rows), "text/csv; charset=utf-8") if kind == "csv" else (to_xlsx(rows), XLSX)
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


routes = [Route("/export.{kind:str}", export, methods=["GET", "POST"])]
