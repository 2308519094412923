"""How long wages are owed, in months, from what workers write.

"三个月", "去年10月到今年1月", "2023年3月到现在", "春节后到现在" (the Spring Festival
date comes from the lunar calendar, not a table). Pure functions, no Rasa imports.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Dict, List, Optional, Tuple

from nlu.numbers import parse_quantity
from nlu.script import normalise

_CN_MONTH = {"正": 1, "冬": 11, "腊": 12}


def _month_number(text: str) -> Optional[int]:
    if text in _CN_MONTH:
        return _CN_MONTH[text]
    quantity = parse_quantity(text)
    if quantity and 1 <= quantity.low <= 12:
        return quantity.low
    return None


def _year_of(word: Optional[str], today: date) -> int:
    if not word or word == "今年":
        return today.year
    if word in ("去年", "上年", "旧年"):
        return today.year - 1
    if word == "前年":
        return today.year - 2
    digits = int(re.sub(r"\D", "", word))
    return digits + 2000 if digits < 100 else digits


def spring_festival(year: int) -> date:
    """Chinese New Year's Day of a year (lunar calendar, not hard-coded)."""
    from lunardate import LunarDate

    return LunarDate(year, 1, 1).to_solar_date()


def _last_spring_festival(today: date) -> date:
    this_year = spring_festival(today.year)
    return this_year if this_year <= today else spring_festival(today.year - 1)


_POINT = r"(\d{4}年|\d{2}年|去年|今年|前年|上年|旧年)?(\d{1,2}|[一二三四五六七八九十]{1,2}|正|冬|腊)月份?"
_TO_NOW = r"(现在|今天|目前|如今)"
_SINCE = re.compile(r"(开始|以来|起|至今|到现在|到今天|一直)")


def _months_back(months: int, today: date) -> str:
    start = today.year * 12 + today.month - 1 - (months - 1)
    return f"{start // 12:04d}-{start % 12 + 1:02d}"


def parse_period(text: Optional[str], today: Optional[date] = None) -> Dict[str, Any]:
    """How long wages are owed: {"months", "start_month"} where they can be computed.

    A range counts both ends (去年10月到今年1月 = 4, across the year end); months named one by one
    count themselves (9月10月 = 2); one month named alone is that month (九月 = 1) unless the worker
    says it runs on (九月开始, 九月以来 = to this month); a duration is itself (三个月, 俩月, 半年).
    """
    today = today or date.today()
    result: Dict[str, Any] = {"months": None, "start_month": None}
    if not text:
        return result
    text = normalise(text).replace("俩", "两").replace("仨", "三")
    # 5到8月: the first month's 月 left out
    text = re.sub(r"(?<![\d年])(\d{1,2}|[一二三四五六七八九十]{1,3})(?=(?:到|至|-|~)(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)",
                  r"\1月", text)
    m = re.search(_POINT + r".*?(?:到|至|-|~)(?:" + _POINT + "|" + _TO_NOW + ")", text)
    if m:
        start_month = _month_number(m.group(2))
        start_year = _year_of(m.group(1), today)
        if m.group(5):
            end_year, end_month = today.year, today.month
        else:
            end_month = _month_number(m.group(4))
            end_year = _year_of(m.group(3), today) if m.group(3) else start_year
            if end_month and start_month and not m.group(3) and end_month < start_month:
                end_year += 1  # 冬月到四月: the end is in the next year
        if start_month and end_month:
            if not m.group(1) and m.group(3) and (end_year, end_month) < (start_year, start_month):
                start_year = end_year - 1  # 十二月到今年三月: the start is in the year before
            if not m.group(1) and not m.group(3) and (end_year, end_month) > (today.year, today.month):
                start_year, end_year = start_year - 1, end_year - 1  # 8月到1月 said in December: last August
            months = (end_year - start_year) * 12 + end_month - start_month + 1
            if months > 0:
                result.update(months=months, start_month=f"{start_year:04d}-{start_month:02d}")
        return result
    if re.search(r"(春节|过年|年后|过完年|正月)", text) and re.search(r"(到|至)(现在|今天|目前|如今)|以来|开始|起", text):
        festival = _last_spring_festival(today)
        months = (today.year - festival.year) * 12 + today.month - festival.month + 1
        result.update(months=months, start_month=f"{festival.year:04d}-{festival.month:02d}")
        return result
    named = [(m.group(1), _month_number(m.group(2))) for m in re.finditer(_POINT, text)]
    named = [(year, month) for year, month in named if month]
    if len(named) >= 2:  # 9月10月, 八月和九月: the months named
        year = _year_of(named[0][0], today)
        if not named[0][0] and (year, named[0][1]) > (today.year, today.month):
            year -= 1
        result.update(months=len({month for _, month in named}), start_month=f"{year:04d}-{named[0][1]:02d}")
        return result
    m = re.search(r"(半|[\d零一二两三四五六七八九十几]+)(个多?半?月|多?年)|(两|几)月", text)
    if m:
        if m.group(3):
            months = 2 if m.group(3) == "两" else None
        elif m.group(1) == "半":
            months = 6 if m.group(2).endswith("年") else None
        elif "几" in m.group(1):
            months = None  # 几个月, 十几个月: not a count anyone can use
        else:
            quantity = parse_quantity(m.group(1))
            months = quantity.low * (12 if m.group(2).endswith("年") else 1) if quantity else None
        if months:
            result.update(months=months, start_month=_months_back(months, today))
        return result
    if re.search(r"上个?月", text):
        return {"months": 1, "start_month": _months_back(2, today)}
    if re.search(r"(这个?月|本月)", text):
        return {"months": 1, "start_month": _months_back(1, today)}
    if named:
        year, month = _year_of(named[0][0], today), named[0][1]
        if (year, month) > (today.year, today.month):
            year -= 1
        running = (today.year - year) * 12 + today.month - month + 1
        months = running if _SINCE.search(text) else 1
        result.update(months=months, start_month=f"{year:04d}-{month:02d}")
    return result


_ONE_POINT = re.compile(
    r"^(\d{4}年|\d{2}年|去年|今年|前年|旧年)?(\d{1,2}|[一二三四五六七八九十]{1,3}|正|冬|腊)月(份|底|初|中)?$")


def joined_points(text: str, spans: List[Tuple[int, int]]) -> Optional[str]:
    """Two months said apart are one span: "7月份进去的 做到9月底" -> "7月份到9月底". spans: the period
    spans found in text, in order; None unless the first and the last are single months."""
    simplified = normalise(text)  # same length: slices keep the worker's characters
    if len(spans) >= 2 and all(_ONE_POINT.match(simplified[a:b]) for a, b in (spans[0], spans[-1])):
        return f"{text[spans[0][0]:spans[0][1]]}到{text[spans[-1][0]:spans[-1][1]]}"
    return None
