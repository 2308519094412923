from datetime import date, datetime, timezone
from types import SimpleNamespace

from bot.stats import bar_chart_svg, build_report, situation_summary


def lead(status="new", sector="construction", amount=10000, workers=1, accepted=False, outcome=None,
         recovered=None, paid=None, location="东莞长安镇", month=10):
    return SimpleNamespace(status=status, sector=sector, amount_yuan=amount, worker_count=workers,
                           accepted_at=datetime(2026, month, 2, tzinfo=timezone.utc) if accepted else None,
                           outcome=outcome, amount_recovered=recovered, workers_paid=paid, location=location,
                           created_at=datetime(2026, month, 1, tzinfo=timezone.utc))


def test_figures_by_sector_place_and_month_and_the_summary_text():
    leads = [
        lead("closed", amount=280000, workers=12, accepted=True, outcome="recovered", recovered=260000, paid=12),
        lead("verifying", amount=50000, workers=3, accepted=True, month=11),
        lead("closed", sector="other", amount=8000, accepted=True, outcome="recovered", recovered=8000, paid=1,
             location="杭州滨江", month=11),
        lead("closed", sector="other", amount=6000, outcome="rejected", location="杭州滨江", month=11),
        lead("new", sector=None, amount=None, workers=None, location=None, month=11),
    ]
    report = build_report(leads, date(2026, 10, 1), date(2026, 11, 30))
    total = report.total
    assert (total.received, total.accepted, total.closed) == (5, 3, 2)
    assert total.closure_rate == 66.7 and total.recovered_wan == "26.80" and total.claimed_wan == "34.40"
    assert total.workers_affected == 12 + 3 + 1 + 1 + 1 and total.workers_paid == 13
    assert report.by_sector["construction"].received == 2 and report.by_sector["other"].received == 3
    assert list(report.by_place) == ["广东省", "浙江省", "未知地区"]  # most leads first
    assert list(report.by_month) == ["2026-10", "2026-11"]
    text = situation_summary(report)
    assert text.startswith("截至2026年11月30日，共受理线索5起，办结2起，办结率66.7%，为13名劳动者追回工资26.80万元；")
    assert "其中工程建设领域受理线索2起，办结1起，办结率50.0%，为12名劳动者追回工资26.00万元" in text


def test_charts_are_svg_with_escaped_labels():
    svg = bar_chart_svg({"<b>广东</b>": 3, "浙江": 1.5}, "按地区")
    assert svg.startswith("<svg") and "&lt;b&gt;广东&lt;/b&gt;" in svg and "<b>" not in svg
    assert bar_chart_svg({}, "空").startswith("<svg")
