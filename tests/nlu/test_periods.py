"""Which of the times said in one message is the time worked unpaid, and how many months it is."""

from datetime import date

import pytest

from nlu.patterns import find_spans
from nlu.periods import parse_period, work_period

TODAY = date(2026, 12, 7)


def _worked(text: str):
    spans = [(span.start, span.end) for span in find_spans(text) if span.entity == "period"]
    chosen = work_period(text, spans)
    return chosen, parse_period(chosen, TODAY)["months"] if chosen else None


@pytest.mark.parametrize("text,words,months", [
    # a span of months beats how long the boss has stalled
    ("我们去年10月份进场一直干到今年4月份，拖了一年多了", "去年10月份进场一直干到今年4月份", 7),
    ("从3月干到8月支模板，8月底主体封顶以后项目部就换人了", "3月干到8月", 6),
    ("8月份到10月份，房租都欠了两个月了", "8月份到10月份", 3),
    # two months said apart are one span
    ("今年4月份跟着老乡去修路，7月份完工了，验收都过去三个月了", "4月份到7月份", 4),
    ("去年12月上船一直到今年8月休渔才下来，下船到现在三个多月了", "去年12月上船一直到今年8月", 9),
    # months listed stand alone, with the months listed on after them, not a month the worker left
    ("我是7月8月干的，9月就走了", "7月8月", 2),
    ("去年11月、12月还有今年1月的工资一直没发，现在都快一年了", "去年11月、12月、今年1月", 3),
    ("学徒期三个月，我是转正以后9月10月两个月工资没拿到，说干满一年退押金", "9月10月", 2),
    # a duration said to be unpaid beats one worked, and neither probation nor stalling counts
    ("做了五个月只给了两个月，还欠三个月的", "三个月", 3),
    ("我在他家干了半年，最后两个月的没给", "两个月", 2),
])
def test_the_time_worked_unpaid_is_chosen(text, words, months):
    chosen, counted = _worked(text)
    assert words in chosen and counted == months


def test_one_time_said_is_left_to_the_tagger():
    assert _worked("干了三个月")[0] is None


@pytest.mark.parametrize("text,months", [("仨月", 3), ("俩月", 2), ("三月", 1), ("俺仨干了三月到五月", 3),
                                         ("八九月", 2), ("三四个月", 3)])
def test_three_months_said_with_sa_is_three_months_not_march(text, months):
    assert parse_period(text, TODAY)["months"] == months


@pytest.mark.parametrize("text,span,months", [
    ("一个月三千二 欠七八两个月", "七八两个月", 2),  # months listed, then their count
    ("九十两个月工资没发", "九十两个月", 2),  # not ninety-two months
    ("我们是去年腊月进的厂 干到今年五月", "去年腊月进的厂 干到今年五月", 6),  # started, then stopped
    ("去年冬月开始干的 一直干到今年5月", "去年冬月开始干的 一直干到今年5月", 7),
    ("俺从去年冬月就在他那干 干到今年四月", "去年冬月就在他那干 干到今年四月", 6),
    ("正月间来的 一直搞到八月十五", "正月间来的 一直搞到八月", 8),
    ("3月份老板说到年底给", "3月份", 1),  # said, not worked: no span
])
def test_a_span_said_with_words_between_or_listed_months_counts_right(text, span, months):
    periods = [found.value for found in find_spans(text) if found.entity == "period"]
    assert periods == [span] and parse_period(span, TODAY)["months"] == months


@pytest.mark.parametrize("text,months", [("今年过完年到中秋", 8), ("国庆后到11月底", 2), ("过年后一直干到端午", 5),
                                         ("春节后到现在", 11),  # (to now: from the festival's own month)
                                         ("过完年到中秋 7个月", 7),  # a count said beside it wins
                                         ("过完年3月到中秋9月", 7),  # a month said with it is that month
                                         ("今年开春四月干到十月", 7), ("五一到国庆", 5)])  # 到国庆: through September
def test_festivals_are_the_months_workers_mean(text, months):
    assert parse_period(text, TODAY)["months"] == months
