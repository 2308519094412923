"""GET /stats: the figures a monthly report needs for any date range, charts drawn on the server;
POST /stats.xlsx: the same table as a file (a form with the CSRF token, like the queue's exports)."""

from __future__ import annotations

from datetime import date
from typing import List, Mapping, Tuple

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.beijing_time import today as beijing_today
from bot.exports import stats_rows, to_xlsx
from bot.stats import SECTORS, Report, bar_chart_svg, build_report, leads_in, situation_summary
from bot.store.session import open_session
from bot.web.forms import QueryValues, form_of
from bot.web.rendering import render
from bot.web.routes.exports import XLSX, back_to, refuse_ignored

RANGE_LABELS = {"date_from": "开始日期", "date_to": "结束日期"}


def _range(params: Mapping[str, str]) -> Tuple[date, date, List[str]]:
    """(start, end, labels of the dates left out): this year to today unless given, turned round if backwards."""
    today = beijing_today()
    values = QueryValues(params, RANGE_LABELS)
    start = values.day("date_from") or date(today.year, 1, 1)
    end = values.day("date_to") or today
    return (start, end, values.ignored) if start <= end else (end, start, values.ignored)


def _report(start: date, end: date) -> Report:
    with open_session() as session:
        return build_report(leads_in(session, start, end), start, end)


def stats_page(request: Request) -> Response:
    start, end, ignored = _range(request.query_params)
    report = _report(start, end)
    charts = [
        bar_chart_svg({month: f.received for month, f in report.by_month.items()}, "每月受理线索（起）"),
        bar_chart_svg({place: f.received for place, f in list(report.by_place.items())[:12]}, "按地区受理线索（起）"),
        bar_chart_svg({SECTORS[key]: float(f.recovered_wan) for key, f in report.by_sector.items()},
                      "按领域追回金额（万元）"),
    ]
    return render(request, "stats.html", {"report": report, "sectors": SECTORS, "summary": situation_summary(report),
                                          "ignored": ignored,
                                          "charts": [Markup(chart) for chart in charts]})  # our own escaped SVG


def stats_xlsx(request: Request) -> Response:
    if request.method == "GET":
        return back_to("/stats", request)
    start, end, ignored = _range(form_of(request))
    if ignored:
        return refuse_ignored(request, ignored)
    report = _report(start, end)
    name = f"stats-{report.start:%Y%m%d}-{report.end:%Y%m%d}.xlsx"
    return Response(to_xlsx(stats_rows(report), title="统计"), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


routes = [Route("/stats", stats_page, methods=["GET"]), Route("/stats.xlsx", stats_xlsx, methods=["GET", "POST"])]
