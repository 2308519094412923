"""GET /stats: the figures a monthly report needs for any date range, charts drawn on the server, XLSX."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.beijing_time import today as beijing_today
from bot.exports import stats_rows, to_xlsx
from bot.stats import SECTORS, bar_chart_svg, build_report, leads_in, situation_summary
from bot.store.session import open_session
from bot.web.rendering import render
from bot.web.routes.exports import XLSX


def _range(request: Request) -> tuple:
    today = beijing_today()

    def day(name: str, default: date) -> date:
        try:
            return date.fromisoformat(request.query_params.get(name, ""))
        except ValueError:
            return default

    start, end = day("date_from", date(today.year, 1, 1)), day("date_to", today)
    return (start, end) if start <= end else (end, start)


def _report(request: Request):
    start, end = _range(request)
    with open_session() as session:
        return build_report(leads_in(session, start, end), start, end)


def stats_page(request: Request) -> Response:
    report = _report(request)
    charts = [
        bar_chart_svg({month: f.received for month, f in report.by_month.items()}, "每月受理线索（起）"),
        bar_chart_svg({place: f.received for place, f in list(report.by_place.items())[:12]}, "按地区受理线索（起）"),
        bar_chart_svg({SECTORS[key]: float(f.recovered_wan) for key, f in report.by_sector.items()},
                      "按领域追回金额（万元）"),
    ]
    return render(request, "stats.html", {"report": report, "sectors": SECTORS, "summary": situation_summary(report),
                                          "charts": [Markup(chart) for chart in charts]})  # our own escaped SVG


def stats_xlsx(request: Request) -> Response:
    report = _report(request)
    name = f"stats-{report.start:%Y%m%d}-{report.end:%Y%m%d}.xlsx"
    return Response(to_xlsx(stats_rows(report), title="统计"), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


routes = [Route("/stats", stats_page, methods=["GET"]), Route("/stats.xlsx", stats_xlsx, methods=["GET"])]
