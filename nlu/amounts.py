"""Which figure in a message is the total owed, with the arithmetic shown.

A message often holds several figures: a monthly or daily rate, a per-person
amount, an amount already paid, a total. The total owed is a decision the
worker must see and confirm, so every computed total carries its working
("4500元/月 × 3个月 = 13500元") for the summary (nlu-pitfalls.md §2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from nlu.numbers import CN_NUMERAL_CHARS, Quantity, parse_quantity
from nlu.script import normalise

_N = CN_NUMERAL_CHARS
_FIG = rf"(\d+(?:\.\d+)?[万千wWkK]?\d?|[{_N}]+(?:多|来|几)?[万千]?)"
_CUR = r"(?:块钱|块|元)?"
_COUNT = rf"(\d+|[{_N}]+)"
DAYS_PER_MONTH = 26  # a working month on site, as day-rate workers count it (product choice)

_TOTAL = re.compile(rf"(?:一共|总共|共计|合计|总计|加起来)\s*(?:欠|拖欠|拖|差)?\s*(?:了|我|我们)?\s*{_FIG}{_CUR}")
_PER_MONTH = re.compile(
    rf"(?:每个?月|一个月|月薪|月工资)\s*(?:工资)?\s*{_FIG}{_CUR}.{{0,12}}?{_COUNT}\s*个(?:多)?月")
_MONTHS_FIRST = re.compile(
    rf"{_COUNT}\s*个月.{{0,8}}?(?:每个?月|一个月|月薪)\s*{_FIG}{_CUR}")
_PER_PERSON = re.compile(
    rf"(?:每人|每个人|一人|一个人)\s*{_FIG}{_CUR}.{{0,12}}?{_COUNT}\s*(?:个|名|位)?(?:人|工友|兄弟)")
_PEOPLE_FIRST = re.compile(
    rf"{_COUNT}\s*(?:个|名|位)?(?:人|工友|兄弟).{{0,8}}?(?:每人|每个人|一人)\s*{_FIG}{_CUR}")
_PER_DAY = re.compile(
    rf"(?:一天|每天|日薪|一个工|每个工)\s*{_FIG}{_CUR}.{{0,12}}?(?:干了|做了|上了|干|做)\s*{_COUNT}\s*(天|个工|个月)")
_PAID = re.compile(rf"(?:给了|发了|付了|预支了?|借支了?|拿了|拿到|结了)\s*{_FIG}{_CUR}")


@dataclass(frozen=True)
class OwedTotal:
    amount: Quantity
    working: Optional[str]  # None when the worker stated the total directly


def _times(a: Quantity, b: Quantity) -> Quantity:
    return Quantity(a.low * b.low, a.high * b.high, a.approximate or b.approximate)


def _show(q: Quantity) -> str:
    return f"{q.low}" if q.low == q.high else f"{q.low}–{q.high}"


def owed_total(text: str) -> Optional[OwedTotal]:
    """The total owed stated or implied by one message, or None."""
    text = normalise(text or "")
    stated = _TOTAL.search(text)
    if stated and (amount := parse_quantity(stated.group(1))) and amount.high >= 100:
        return OwedTotal(amount, None)

    total = working = None
    for pattern, rate_first, unit, count_unit in (
        (_PER_MONTH, True, "元/月", "个月"), (_MONTHS_FIRST, False, "元/月", "个月"),
        (_PER_PERSON, True, "元/人", "人"), (_PEOPLE_FIRST, False, "元/人", "人"),
    ):
        m = pattern.search(text)
        if m:
            rate_text, count_text = (m.group(1), m.group(2)) if rate_first else (m.group(2), m.group(1))
            rate, count = parse_quantity(rate_text), parse_quantity(count_text)
            if rate and count:
                total = _times(rate, count)
                working = f"{_show(rate)}{unit} × {_show(count)}{count_unit}"
                break
    if total is None and (m := _PER_DAY.search(text)):
        rate, count = parse_quantity(m.group(1)), parse_quantity(m.group(2))
        if rate and count:
            if m.group(3) == "个月":  # months of day-rate work: count working days
                days = Quantity(count.low * DAYS_PER_MONTH, count.high * DAYS_PER_MONTH, True)
                working = f"{_show(rate)}元/天 × 约{_show(days)}天（{_show(count)}个月按每月{DAYS_PER_MONTH}天算）"
            else:
                days = count
                working = f"{_show(rate)}元/天 × {_show(days)}{'天' if m.group(3) == '天' else '个工'}"
            total = _times(rate, days)
    if total is None:
        return None
    paid = _PAID.search(text)
    if paid and (already := parse_quantity(paid.group(1))) and already.high < total.low:
        total = Quantity(total.low - already.high, total.high - already.low,
                         total.approximate or already.approximate)
        working += f" − 已拿到{_show(already)}元"
    return OwedTotal(total, f"{working} = {_show(total)}元")
