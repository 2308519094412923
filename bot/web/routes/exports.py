"""GET /export.csv and /export.xlsx: the filtered queue as a file; names and phones for supervisors only."""

from __future__ import annotations

from datetime import datetime

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.exports import lead_rows, to_csv, to_xlsx
from bot.store import audit
from bot.store.session import open_session
from bot.web.case_marks import case_marks
from bot.web.queue import QueueFilter, all_matching
from bot.web.sessions import is_supervisor, staff_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in ("csv", "xlsx"):
        raise HTTPException(404)
    chosen = QueueFilter.from_params(request.query_params)
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


routes = [Route("/export.{kind:str}", export, methods=["GET"])]
