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


# Festivals as the months workers mean by them (lunar ones as lunar months, like 冬月 and 腊月).
_FESTIVALS = ((r"(过完年|过了年|过年后|年后|春节后)(?:以后|之后)?", "正月"), (r"(中秋节?|八月十五)", "八月"),
              (r"端午节?", "五月"), (r"国庆节?(?:以后|之后|后)", "十月"), (r"国庆节?", "九月"),  # 到国庆: through September
              (r"(?<![\d一二三四五六七八九十])五一(?:劳动节)?(?:以?后)?", "五月"), (r"元旦(?:以?后)?", "一月"))
# (when the month is said right after it, that month: 过完年3月到中秋9月 = 3月到9月)
_MONTH_NEXT = r"(?=[\d一二三四五六七八九十正]{1,2}月)"
_FESTIVAL_MONTHS = tuple(sub for pattern, month in _FESTIVALS for sub in ((pattern + _MONTH_NEXT, ""), (pattern, month)))


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


_CN_DIGITS = "一二三四五六七八九十"
_LISTED_TWO = re.compile(r"(?<![一二三四五六七八九十\d])([一二三四五六七八九])([二三四五六七八九十])两个月")
_NEIGHBOUR_MONTHS = re.compile(r"(?<![一二三四五六七八九十\d])([一二三四五六七八九])([二三四五六七八九十])月")


def _two_months(found: re.Match) -> str:
    first, second = (_CN_DIGITS.index(found.group(i)) for i in (1, 2))
    return f"{found.group(1)}月{found.group(2)}月" if second == first + 1 else found.group(0)


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
    text = re.sub(r"(俩|仨)(?=多?月)", r"\1个", normalise(text)).replace("俩", "两").replace("仨", "三")  # 仨月 = 3 months
    text = _LISTED_TWO.sub(lambda m: _two_months(m) if "月" in _two_months(m) else m.group(0), text)  # 七八两个月
    text = _NEIGHBOUR_MONTHS.sub(_two_months, text)  # 八九月 = 八月九月
    # 5到8月: the first month's 月 left out
    text = re.sub(r"(?<![\d年])(\d{1,2}|[一二三四五六七八九十]{1,3})(?=(?:到|至|-|~)(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)",
                  r"\1月", text)
    # 过完年到中秋 = 正月到八月 (春节后到现在 is counted from the festival below; a count said beside it wins:
    # 过完年到中秋 7个月)
    if not re.search(_TO_NOW, text) and not re.search(r"(\d+|[一二两三四五六七八九十]+)个多?月", text):
        for festival, month in _FESTIVAL_MONTHS:
            text = re.sub(festival, month, text)
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


# One month named, as the patterns below read it: a year word, then the month's number (去年10月份, 腊月).
_YEAR_WORD = r"(\d{4}年|\d{2}年|去年|今年|前年|旧年)"
_MONTH_NUMBER = r"(\d{1,2}|[一二三四五六七八九十]{1,3}|正|冬|腊)"

# Words just before a duration that make it something other than the months worked unpaid:
# 拖了一年多, 验收都过去三个月了, 学徒期三个月, 干满一年退押金, 房租都欠了两个月了.
_NOT_WORKED_BEFORE = re.compile(
    r"(拖|过去|等了|学徒期?|试用期?|满|房租|押金|以后|之后|(?<!最)后(?!面)|隔了|快|超过|给了|发了|给过|发过|结了|只给)[^，。,\s]{0,3}$")
# Words just before a duration that say it was worked or is the unpaid time: 干了95天, 三个月工资.
_WORKED_BEFORE = re.compile(r"(干|做|上班|上工|打工|带了|跟了|在)[了过]?[^，。,\s]{0,2}$")
_WORKED_AFTER = re.compile(r"^(的)?(工资|工钱|薪水|人工|活)")
# A month said to be paid is not unpaid time: 九月的给了.
_PAID_AFTER = re.compile(r"^(份)?(的)?(工资|工钱)?(已经|都)?(给|发|结|付)(了|过)")
# ... and words that say it is the unpaid part: 还欠三个月的, 最后两个月的没给, 后面三个月的工资一直没发.
_OWED_BEFORE = re.compile(r"(欠了?|最后|后面|剩下|还有)[^，。,\s]{0,1}$")
_OWED_AFTER = re.compile(r"^(的)?(工资|工钱|薪水|人工)?[^，。,\s]{0,4}(没给|没发|没结|没拿|未付|未发|不给)")


def work_period(text: str, spans: List[Tuple[int, int]]) -> Optional[str]:
    """Which of several times said in one message is the time worked unpaid, or None to keep the first.

    A long message names many times: when the work ran (去年10月份进场一直干到今年4月份), how long the
    boss has stalled (拖了一年多了), a probation (学徒期三个月), a payday. In order: a span of months
    (X到Y); the first and the last month named, joined (7月份进去的 … 9月底走); a duration said to be
    worked or owed (干了三个月, 三个月工资), never one of stalling, probation or rent. spans: the period
    spans found in text, in order.
    """
    simplified = normalise(text)
    if len(spans) < 2:
        return None
    spans = [_widened(simplified, a, b) for a, b in spans]
    ranges = [(a, b) for a, b in spans if re.search(r"(到|至|-|~)", simplified[a:b])]
    if ranges:  # the first span whose months can be counted: 5月到9月 over 五一到国庆 in the same answer
        a, b = next(((a, b) for a, b in ranges if parse_period(text[a:b]).get("months")), ranges[0])
        return text[a:b]
    points = [(a, b) for a, b in spans if re.fullmatch(_MONTHS_NAMED, simplified[a:b])
              and not _PAID_AFTER.match(simplified[b:b + 8])]
    listed = next((i for i, (a, b) in enumerate(points) if not _ONE_MONTH.fullmatch(simplified[a:b])), None)
    if listed is not None:  # "我是7月8月干的，9月就走了": the months listed, and those listed on after them
        a, b = points[listed]
        words = text[a:b]
        for c, d in points[listed + 1:]:
            if not _LISTED_ON.fullmatch(simplified[b:c]):
                break
            words, b = f"{words}、{text[c:d]}", d  # "去年11月、12月还有今年1月"
        return words
    if points:
        first, last = points[0], points[-1]
        if len(points) == 1 or simplified[first[0]:first[1]] == simplified[last[0]:last[1]]:
            return text[first[0]:first[1]]
        return f"{text[first[0]:first[1]]}到{text[last[0]:last[1]]}"
    durations = [(a, b) for a, b in spans if not _NOT_WORKED_BEFORE.search(simplified[max(0, a - 6):a])]
    owed = [(a, b) for a, b in durations if _OWED_BEFORE.search(simplified[max(0, a - 4):a])
            or _OWED_AFTER.match(simplified[b:b + 10])]
    worked = [(a, b) for a, b in durations if _WORKED_BEFORE.search(simplified[max(0, a - 4):a])
              or _WORKED_AFTER.match(simplified[b:b + 3])]
    chosen = (owed or worked or durations or [None])[0]
    return text[chosen[0]:chosen[1]] if chosen else None


def _widened(simplified: str, a: int, b: int) -> Tuple[int, int]:
    """A month with the year said before it and the 份/底/初 after it: 去年10月份, not 10月."""
    if year := re.search(rf"({_YEAR_WORD}|上年)$", simplified[:a]):
        a = year.start() if re.fullmatch(rf"{_MONTH_NUMBER}月", simplified[a:b]) else a
    if re.fullmatch(r".*月", simplified[a:b]) and simplified[b:b + 1] in ("份", "底", "初") and b < len(simplified):
        b += 1
    return a, b


_ONE_MONTH = re.compile(rf"{_YEAR_WORD}?{_MONTH_NUMBER}月(份|底|初|中)?")
_LISTED_ON = re.compile(r"[\s,，、]*(还有|以及|和|跟|加上)(今年|去年)?")
_MONTHS_NAMED = re.compile(rf"({_YEAR_WORD}?{_MONTH_NUMBER}月(份|底|初|中)?[和、]?)+")
