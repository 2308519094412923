"""GET /audit: the audit log, for supervisors only (it names who looked at which worker's data)."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.store import audit
from bot.store.session import open_session
from bot.web.forms import MAX_ID, MAX_PAGE, QueryValues
from bot.web.rendering import render
from bot.web.sessions import is_supervisor

PAGE_SIZE = 100


def audit_page(request: Request) -> Response:
    if not is_supervisor(request):
        raise HTTPException(status_code=403, detail="只有主管可以查看审计日志")
    values = QueryValues(request.query_params, {"page": "页码", "lead": "线索 ID"})
    page = values.number("page", MAX_PAGE, smallest=1) or 1
    lead_id = values.number("lead", MAX_ID, smallest=1)
    with open_session() as session:
        rows = audit.entries(session, lead_id=lead_id, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    entries = [(entry, json.dumps(entry.detail, ensure_ascii=False) if entry.detail else "")
               for entry in rows[:PAGE_SIZE]]
    return render(request, "audit.html", {"entries": entries, "page": page, "more": len(rows) > PAGE_SIZE,
                                          "lead_id": lead_id, "ignored": values.ignored})


routes = [Route("/audit", audit_page, methods=["GET"])]
