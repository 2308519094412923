"""GET /: the queue of leads, filtered, searched, sorted and paged; no names or phones on it."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.beijing_time import today as beijing_today
from bot.deadlines import clocks
from bot.store.session import open_session
from bot.web.case_marks import case_marks
from bot.web.queue import SORTS, QueueFilter, channels_in_use, load_queue
from bot.web.rendering import render


def queue_page(request: Request) -> Response:
    chosen = QueueFilter.from_params(request.query_params)
    with open_session() as session:
        groups, duplicates = case_marks(session)
        collective = {lead_id for lead_id, group in groups.items() if group.collective}
        chosen.collective_ids = collective
        page = load_queue(session, chosen)
        channels = channels_in_use(session)
    today = beijing_today()
    overdue = {lead.id for lead in page.leads
               if any(clock.overdue for clock in clocks(lead.status, lead.created_at, lead.transferred_at,
                                                         lead.deadline_extended, today).values())}

    def link(**changes: object) -> str:
        query = urlencode(chosen.params(**changes))
        return f"/?{query}" if query else "/"

    return render(request, "queue.html", {"chosen": chosen, "page": page, "channels": channels,
                                          "sorts": SORTS, "link": link,
                                          "groups": groups, "collective": collective, "duplicates": duplicates,
                                          "overdue": overdue})


routes = [Route("/", queue_page, methods=["GET"])]
