"""GET /audit: the audit log, for supervisors only (it names who looked at which worker's data)."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.store import audit
from bot.store.session import open_session
from bot.web.rendering import render
from bot.web.sessions import is_supervisor

PAGE_SIZE = 100


def audit_page(request: Request) -> Response:
    if not is_supervisor(request):
        raise HTTPException(status_code=403, detail="只有主管可以查看审计日志")
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    try:
        lead_id = int(request.query_params["lead"]) if request.query_params.get("lead") else None
    except ValueError:
        lead_id = None
    with open_session() as session:
        rows = audit.entries(session, lead_id=lead_id, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    entries = [(entry, json.dumps(entry.detail, ensure_ascii=False) if entry.detail else "")
               for entry in rows[:PAGE_SIZE]]
    return render(request, "audit.html", {"entries": entries, "page": page, "more": len(rows) > PAGE_SIZE,
                                          "lead_id": lead_id})


routes = [Route("/audit", audit_page, methods=["GET"])]
