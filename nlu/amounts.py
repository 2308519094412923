"""Which figure in a message is the total owed, with the arithmetic shown.

A message often holds several figures: a monthly or daily rate, a per-person
amount, an amount already paid, a total. The total owed is a decision the
worker must see and confirm, so every computed total carries its working
("4500元/月 × 3个月 = 13500元") for the summary (nlu-pitfalls.md §2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from nlu.numbers import CN_NUMERAL_CHARS, Quantity, parse_quantity
from nlu.patterns import NEGATED_BEFORE, find_spans
from nlu.periods import parse_period, work_period
from nlu.script import normalise

_N = CN_NUMERAL_CHARS
_FIG = rf"(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:多|余)?[万千wWkK]?\d?多?|[{_N}]+(?:多|来|几|余)?[万千]?多?)"
_CUR = r"(?:块钱|块|元)?"
_COUNT = rf"(\d+|[{_N}]+)"
DAYS_PER_MONTH = 30  # a month of day-rate work as workers count it (every day on site); marked approximate

_AGREED = r"(?:说好的?|讲好的?|谈好的?|定的)?"
_MONTH_WORD = rf"(?:每个?月|一个月份?|(?<=人)一月|月薪|月工资|底薪){_AGREED}\s*(?:工资)?"  # 一人一月三千
# 一个月 followed by a figure is the unit of another rate (我一个月三千五，我表弟一个月三千), not a count
_NOT_A_RATE_UNIT = rf"(?!(?<=一个月)[^，。,\d{_N}]{{0,3}}(?:\d|[{_N}](?![共直起])))"
_PER_MONTH = re.compile(
    rf"{_MONTH_WORD}\s*{_FIG}{_CUR}.{{0,12}}?(?<!学徒期)(?<!试用期){_COUNT}\s*个(?:多|(?P<half>半))?月{_NOT_A_RATE_UNIT}")
_MONTHS_FIRST = re.compile(
    rf"(?<!学徒期)(?<!试用期){_COUNT}\s*个月{_NOT_A_RATE_UNIT}.{{0,8}}?{_MONTH_WORD}\s*{_FIG}{_CUR}")
# A rate per person (每人六千, 一个人7800, 一人一天150), and the head count it is multiplied by, written
# anywhere in the message: 我们6个人, 俺们仨, 我们两个, 两口子, 俩人.
_PER_HEAD = r"(?:每人|每个人|(?<!十)一人|(?<!十)一个人|人均)"  # not the 一个人 of 十一个人
_NOT_A_RATE_OF_TIME = r"(?!\s*(?:每天|一天|每日|一日|每个?月|一个月))"
_PER_TRIP = r"(?:一个?(?:航次|季|趟|茬))?"
_PER_PERSON = re.compile(
    rf"{_PER_HEAD}{_NOT_A_RATE_OF_TIME}\s*{_PER_TRIP}{_AGREED}\s*(?:工资|工钱)?\s*(?:都|也)?(?:欠[了起着]?|是|有)?\s*{_FIG}{_CUR}"
    rf"(?!\s*个?(?:多|半)?(?:月|天|年|人))")  # not "每人欠两个月": months, not money
# The per-person rate with its head count right beside it (每人五千一共6个人, 5个人 每人6500).
# 一人三千二一个月: a monthly rate (not 三千 before 二一个月 either)
_A_UNIT_OF_TIME_NEXT = rf"(?![{_N}\d]*\s*(?:一个月|每个?月|一月|一天|每天|一日))(?!(?<=一)个月)"
_PER_PERSON_COUNT = re.compile(
    rf"{_PER_HEAD}{_NOT_A_RATE_OF_TIME}\s*{_FIG}{_CUR}{_A_UNIT_OF_TIME_NEXT}.{{0,12}}?{_COUNT}\s*(?:个|名|位)?"
    rf"(?:人|工友|兄弟)")
_PEOPLE_FIRST = re.compile(
    rf"{_COUNT}\s*(?:个|名|位)?(?:人|工友|兄弟).{{0,8}}?(?:每人|每个人|一人){_NOT_A_RATE_OF_TIME}\s*{_FIG}{_CUR}"
    rf"{_A_UNIT_OF_TIME_NEXT}")
# Family and fellow villagers who work beside the worker: 我和我老婆, 我表弟.
_KIN = (r"(?:老婆|媳妇|老公|爱人|儿子|女儿|弟弟?|哥哥?|妹妹?|姐姐?|表弟|表哥|表妹|表姐|堂弟|堂哥|侄子|侄女|外甥|老乡|"
        r"老表|姐夫|妹夫|小舅子)")
_HEADS = re.compile(
    rf"{_COUNT}\s*(?:个|名|位)?(?:人|工友|兄弟|工人)"
    rf"|(?:我们|俺们|咱们|他们|我哋|佢哋)\s*{_COUNT}\s*(?:个|名|位)?(?:人)?"
    rf"|(?<![\d{_N}]){_COUNT}\s*个(?=$|[\s,，。])"
    rf"|(?:我|俺|咱)(俩|仨)(?!个?月)"
    rf"|(两口子|俩口子|夫妻俩|夫妻两个)"
    rf"|(?:我|俺)(?:和|跟|同)(?:我|俺)?{_KIN}"
    rf"(?!们|他们|几个)")  # 我和我老婆: two
_PER_DAY = re.compile(
    rf"(?:一天|每天|日薪|一日|每日|一个工|每个工)\s*{_FIG}{_CUR}.{{0,12}}?(?<![月号])(?<!\d){_COUNT}\s*(天|日|个工|个月)")
_PER_HOUR = re.compile(  # 一个小时十八块 … 做了四百八十个小时
    rf"(?:一个?小时|每个?小时|每钟)\s*{_FIG}{_CUR}.{{0,30}}?(?<!\d){_COUNT}\s*(?:个)?(小时|钟头)")
_DAY_RATE_FIRST = re.compile(  # 300一天 干了20天
    rf"{_FIG}{_CUR}\s*(?:一天|每天|一日|每日).{{0,12}}?(?<![月号])(?<!\d){_COUNT}\s*(天|日|个工|个月)")
_TO_US = r"(?:我们|俺们|我|俺|阮|额|咱)?"
_PAID = re.compile(rf"(?:给了|发了|付了|预支了?|借支了?|借了|拿了|拿到|结了|给过|发过|付过|借过|借支过|预支过|拿过|"
                   rf"先给了?|先发了?|领了|领过|支了|支过|(?:扣掉|减掉|减去|扣除){_TO_US}借的)"
                   rf"{_TO_US}(每人|一人|每个人|一个人)?\s*{_FIG}{_CUR}(?!\s*个)")
# Months already paid at a monthly rate: 干了五个月 他就给了两个月的.
_PAID_MONTHS = re.compile(rf"(?:给了|发了|付了|结了|给过|发过|结过){_TO_US}\s*{_COUNT}\s*个月(?!\s*[\d{_N}])"
                          rf"|(?:头|前)(?P<first>\d+|[{_N}]+)\s*个月(?:的)?(?:工资|钱)?(?:都|是)?(?:给了|发了|结了|付了|给过|发过)")
# After a rate's unit, no figure but a count of months or people: "三千五一个月 三个月没给", not "一个月七千".
_MONTHS_NEXT = rf"(?!\s*[\d{_N}](?![\d{_N}]*\s*(?:个?月|个人)))"  # (or the head count: 三千二一个月 三个人)
# A monthly rate whose months are said elsewhere in the message (一个月七千五 … 三个月工资都没给).
# (or the figure first: 三千五一个月)
_MONTH_RATE = re.compile(rf"{_MONTH_WORD}\s*{_FIG}{_CUR}(?!\s*个)"  # not 一个月 三个月没给: 三 is no rate
                         rf"|{_FIG}{_CUR}\s*(?:一个月|每个?月|一月(?!份|到|至|[\d{_N}]))"
                         rf"{_MONTHS_NEXT}")  # 三千五一个月 三个月没给, 俩月没给 (not 一个月七千)
# A second person's monthly rate right after the first: "俺一个月四千 她三千五", "我一个月4700，我老婆4200".
_SECOND_RATE = re.compile(rf"[\s,，]*(?:他|她|(?:我|俺)的?{_KIN})"
                          rf"(?:是|刚来|才来|新来的?)?(?:一个月|每个?月)?\s*{_FIG}{_CUR}(?!\s*个)")
_YEAR_RATE = re.compile(rf"(?<![干做了])(?:一年|每年|年薪){_AGREED}\s*{_FIG}{_CUR}")  # a herder's or a farmhand's pay
# A figure with its unit of time after it is a rate, not a sum: 三千五一个月, 300一天.
# (not "一万四 一个月七千")
_RATE_AFTER = re.compile(rf"^(块钱|块|元)?\s*(一个月|每个?月|一月(?!份|到|至)|一天|每天){_MONTHS_NEXT}")


# What the words just before (or after) a figure say it is. Between the word and the figure only
# a few non-digit characters may stand (一共欠了我们 23万).
# Only filler may stand between a rate or payment word and its figure (月工资4500, 给了 3000元), so
# "两个月工资没发，9,600块" does not make 9,600 a monthly rate.
_GAP = r"(?:[\s:：是为有约大概才只就都也能拿共了欠]|说好的?|讲好的?|谈好的?|定的){0,3}$"
_STILL_OWED = re.compile(r"(还欠|还差|尚欠|仍欠|剩下|剩余|还剩|现在剩|只剩)[^\d]{0,2}$")
_STILL_HAVE = re.compile(r"还有[^\d]{0,2}$")  # 还有12500没给
_TOTAL_WORDS = re.compile(
    r"(一共|总共|共计|合计|总计|加起来|算下来|累计|总额|总数|总金额|总的|全部|共欠|共拖欠|谈好总价|说好总价|讲好总价|定好总价)[^\d]{0,10}$")
_PAID_WORDS = re.compile(
    r"(给了|发了|付了|预支了?|借支了?|借了|拿了|拿到了?|结了|已付|已发|已结|只给了?|先给了?|打了|收到|押金|"
    r"给过|发过|付过|借过|借支过|预支过|拿过|垫了?|垫付了?|自己出了?|领了|领过|支了|支过|借的)"
    r"(我们|俺们|我|俺)?(每人|每个人|一人)?" + _GAP)
_RATE_WORDS = re.compile(
    r"(每个?月|一个月份?|(?<=人)一月|月薪|每天|一天|一日|每日|日薪|一个工|每个工|每人|每个人|一人|一个人|(?<![干做了])(?:一年|每年|年薪)(?=\s*(?:说好的?)?\s*$)|"
    r"人均|每平|每方|一平|一方|每小时|一小时|底薪|航次|一季|每季|一趟|每趟|一回|每回|每次|一次(?!性))" + _GAP)
_OWED_BEFORE = re.compile(r"(欠|拖欠|没给|没发|没结|未付|未发|不给|要回|讨要|扣了|扣着|克扣|扣押)[^\d]{0,6}$")
# Owed to the one reporting (欠我, 欠俺们), not to a fellow villager or a colleague.
_OWED_TO_US = re.compile(r"(欠|扣)了?(我|俺|咱)们?(的)?(工资|工钱|钱)?" + _GAP)
_OWED_AFTER = re.compile(r"^[^\d]{0,4}(没给|没发|没结|没拿到|未付|未发|不给|至今|到现在)")
# Money that is not wages, said in the same clause as the figure: 交了两百块押金, 收了我八百中介费, 房子一个月还要六百.
_SIDE_MONEY = re.compile(
    r"(押金|押车|保证金|中介费|介绍费|体检费|培训费|工服|车费|路费|机票|车票|房租|租金|租的|房子|罚款|赔)")
_WAGES_AFTER = re.compile(r"^(块钱|块|元)?的?(工资|工钱|薪水|人工)")  # 扣着16,500元工资 (以培训费为由)
_OWED_SIDE_MONEY = re.compile(r"欠了?我?们?[^\d，。,\s]{0,1}$")  # 老板欠千把块路费: owed, whatever it is for
# 一分钱都没给, 一蚊都冇: "not a penny", not an amount
# A total said as what was earned, not what is owed (一共该给俺们九万六, 算下来应得…): payments come off it.
_EARNED = re.compile(r"(该给|应该给|应给|应得|应发|该发|该拿|应该拿|谈好总价|说好总价|讲好总价|定好总价)(?!.*欠)")
# The worker says a payment comes off the total: "生活费他给过六千 那就减掉".
# (总共九万 给了三万 还差的就是剩下那些: what is left after the payment)
_DEDUCT = re.compile(r"(减掉|扣掉|减去|扣除|要扣|要减|得扣|得减)"
                     r"|(还差|剩下|剩余|其余)的(就是|是|都|全)?(剩下|没给|没发|那些|欠着)")
# A figure right after a head count is the group's: "一个人两万 三个人六万".
_GROUP_BEFORE = re.compile(r"＃+\s*(个|名|位)?(人|工人|兄弟)\s*(一共|总共|加起来)?$")
_NOTHING_AT_ALL = re.compile(r"^[分块蚊毛文]?钱?[都也]")
# A figure owed to each one (一个人还欠六千五, 每人欠4800): times the head count said elsewhere.
_EACH_OWED = re.compile(r"(每人|每个人|一人|一个人|人均)[^\d]{0,4}$")
# A figure said of each one a little further back in its clause: "每个人工钱算下来一万三".
_EACH_SAID = re.compile(r"(每人|每个人|人均)[^\d，。,；;]{0,8}$")


@dataclass(frozen=True)
class OwedTotal:
    amount: Quantity
    working: Optional[str]  # None when the worker stated the total directly
    unclear: bool = False  # several figures, none marked as the sum owed: the worker and staff check it


def _times(a: Quantity, b: Quantity) -> Quantity:
    return Quantity(a.low * b.low, a.high * b.high, a.approximate or b.approximate)


def _show(q: Quantity) -> str:
    return f"{q.low}" if q.low == q.high else f"{q.low}–{q.high}"


def _clause(before: str, after: str) -> str:
    """The words of the figure's own clause around it (押金 in an earlier clause says nothing of this figure)."""
    return re.split(r"[，。,；;！!？?\s]", before)[-1] + "＃" + re.split(r"[，。,；;！!？?\s]", after)[0]


def _figures(text: str):
    """(figure, words before, words after) for every amount in the text that is not side money. Head counts
    and dates in the words around are blanked (＃), so "共欠我们112名工人2,460,000元" still reads 共欠 … before
    the figure."""
    spans = find_spans(text)
    blanked = list(text)
    for span in spans:
        year_rate = span.value in ("一年", "每年") and _YEAR_RATE.match(text, span.start)  # 一年三万: a rate
        if span.entity in ("worker_count", "period") and not year_rate:
            blanked[span.start:span.end] = "＃" * (span.end - span.start)
    context = "".join(blanked)
    amounts = [(span.start, span.end, amount) for span in spans
               if span.entity == "amount" and (amount := parse_quantity(span.value)) and amount.high >= 1]
    for start, end, amount in _ranges_joined(text, amounts):
        before, after = context[max(0, start - 12):start], context[end:end + 8]
        side = _SIDE_MONEY.search(_clause(before, after[:6])) and not _WAGES_AFTER.match(after) \
            and not _OWED_SIDE_MONEY.search(before)
        if side or (amount.high == 1 and _NOTHING_AT_ALL.match(after)) or NEGATED_BEFORE.search(before):
            continue  # side money, "一分钱都没给", or "不是九万" (the figure said to be wrong)
        yield amount, before, after


_RANGE_JOIN = re.compile(r"(块钱|块|元)?\s*(到|至|-|~|～|—)\s*$")


def _ranges_joined(text: str, amounts: List[Tuple[int, int, Quantity]]) -> List[Tuple[int, int, Quantity]]:
    """"八千到九千", "120万到130万", "8000-9000块": one approximate figure from the first to the second."""
    joined: List[Tuple[int, int, Quantity]] = []
    for start, end, amount in amounts:
        if joined:
            first_start, first_end, first = joined[-1]
            if (_RANGE_JOIN.fullmatch(text[first_end:start]) and first.high < amount.low <= first.high * 3):
                joined[-1] = (first_start, end, Quantity(first.low, amount.high, True))
                continue
        joined.append((start, end, amount))
    return joined


def owed_total(text: str) -> Optional[OwedTotal]:
    """The total owed stated or implied by one message, or None.

    In order: a figure said to be still owed (还欠…, 还有…没给); a figure said to be the total (一共…);
    a figure said to be owed (欠我…) that is neither a rate nor a payment; a rate times a count, less
    what was paid (每月4500欠三个月); else the one figure that is neither a rate nor a payment — with
    several such figures the largest, marked unclear.
    """
    text = normalise(text or "")
    figures = list(_figures(text))
    still_owed = [amount for amount, before, after in figures
                  if _STILL_OWED.search(before) or (_STILL_HAVE.search(before) and _OWED_AFTER.search(after))]
    totals = [amount for amount, before, _ in figures
              if (_TOTAL_WORDS.search(before) or _GROUP_BEFORE.search(before)) and not _RATE_WORDS.search(before)
              and not _EACH_SAID.search(before)]
    if totals:  # 每人还差俩万多，总共欠12万多: the total, not one person's share
        still_owed = [amount for amount in still_owed if not _EACH_OWED.search(_before(figures, amount))]
    marked = still_owed or totals
    marked = [amount for amount in marked if amount.high >= 100]
    if marked and not still_owed and (_EARNED.search(_before(figures, marked[0])) or _DEDUCT.search(text)):
        return _less_paid(marked[0], figures) or _for_everyone(text, marked[0], figures)
    if marked:
        return _for_everyone(text, marked[0], figures)
    plain = [(amount, before, after) for amount, before, after in figures
             if not _PAID_WORDS.search(before) and not _RATE_WORDS.search(before) and not _RATE_AFTER.match(after)]
    owed = [amount for amount, before, after in plain if _OWED_BEFORE.search(before) or _OWED_AFTER.search(after)]
    if listed := _listed_shares(text):  # "我的两万一 老婆一万六 侄女九千 都没给"
        return listed
    if len(owed) > 1 and (shares := _shares_of_several(text)):
        return shares
    if len(owed) > 1:
        owed = [amount for amount, before, _ in plain if _OWED_TO_US.search(before)] or owed
    if len(owed) == 1:
        return _for_everyone(text, owed[0], figures)
    # a rate times a head count said elsewhere in the message only when no figure could be the total itself
    computed = _computed_total(text, heads_anywhere=not plain)
    if computed is not None:
        return computed
    candidates = owed or [amount for amount, _, _ in plain]
    if not candidates:
        return None
    if len(candidates) == 1 and _EACH_SAID.search(_before(figures, candidates[0])):
        return _each_less_paid(text, candidates[0])  # "每个人工钱算下来一万三 中间每人借支过两千 … 六个人"
    if len(candidates) == 1:
        return OwedTotal(candidates[0], None)
    return OwedTotal(max(candidates, key=lambda amount: amount.high), None, unclear=True)


# What each part of a group is owed: "我一个欠一万八 他们两个各欠一万五".
_SHARE = re.compile(rf"(?:(?:我|俺)(?:自己)?(?:一个人?)?|(?:他们|她们|另外|其他|剩下)?(?P<heads>\d+|[{_N}]+)\s*个人?)"
                    rf"(?P<each>各|每人|每个人|一人)?(?:都|也)?(?:欠|差)了?(?:我们?)?\s*(?P<figure>{_FIG}){_CUR}")


def _shares_of_several(text: str) -> Optional[OwedTotal]:
    """The sum of what several parts of a group are each owed, with the working; None unless two or more
    parts are said."""
    parts = []
    for found in _SHARE.finditer(text):
        amount = parse_quantity(found.group("figure"))
        heads = parse_quantity(found.group("heads")) if found.group("heads") else Quantity(1, 1, False)
        if amount is None or heads is None or amount.high < 100:
            return None
        parts.append((_times(amount, heads) if found.group("each") or heads.low == 1 else amount, amount, heads))
    if len(parts) < 2:
        return None
    total = Quantity(sum(p[0].low for p in parts), sum(p[0].high for p in parts), any(p[0].approximate for p in parts))
    working = " + ".join(f"{_show(amount)}元 × {_show(heads)}人" if heads.low > 1 else f"{_show(amount)}元"
                         for _, amount, heads in parts)
    return OwedTotal(total, f"{working} = {_show(total)}元")


# Each one's figure listed, then none of it paid: "我的两万一 老婆一万六 侄女九千 都没给".
_LISTED = re.compile(rf"(?:(?:我|俺)的?|(?:我|俺)?的?{_KIN}的?)(?:是|有)?\s*(?P<figure>{_FIG}){_CUR}")
_NONE_PAID_AFTER = re.compile(r"^[\s,，]*(都|全|全都|一分都)(还)?(没|没有|未|不)(给|发|结|付|拿到)")


def _listed_shares(text: str) -> Optional[OwedTotal]:
    """The sum of each one's figure when two or more are listed one after another and said all unpaid."""
    items = list(_LISTED.finditer(text))
    for first in range(len(items)):
        run = [items[first]]
        for item in items[first + 1:]:
            if re.fullmatch(r"[\s,，、]*", text[run[-1].end():item.start()]):
                run.append(item)
            else:
                break
        if len(run) >= 2 and _NONE_PAID_AFTER.match(text[run[-1].end():]):
            amounts = [parse_quantity(item.group("figure")) for item in run]
            if any(amount is None or amount.high < 100 for amount in amounts):
                return None
            total = Quantity(sum(a.low for a in amounts), sum(a.high for a in amounts),
                             any(a.approximate for a in amounts))
            working = " + ".join(f"{_show(a)}元" for a in amounts)
            return OwedTotal(total, f"{working} = {_show(total)}元")
    return None


def _less_paid(earned: Quantity, figures) -> Optional[OwedTotal]:
    """What was earned in all (一共该给俺们九万六) less what was paid of it (借支了一万二), or None when
    nothing was paid."""
    paid = [amount for amount, before, _ in figures if _PAID_WORDS.search(before) and not _RATE_WORDS.search(before)
            and amount.high < earned.low]
    if not paid:
        return None
    total = Quantity(earned.low - sum(a.high for a in paid), earned.high - sum(a.low for a in paid),
                     earned.approximate or any(a.approximate for a in paid))
    all_paid = Quantity(sum(a.low for a in paid), sum(a.high for a in paid), False)
    return OwedTotal(total, f"{_show(earned)}元 − 已拿到{_show(all_paid)}元 = {_show(total)}元")


def each_ones_share(text: str) -> Optional[Quantity]:
    """What each one is owed, when a message gives that and no head count (一人一万八, 一个人一个月四千五 四个月
    都没发): it is multiplied by the head count the worker gives later."""
    text = normalise(text or "")
    if _head_count(text) or _TOTAL_WORDS.search(text):
        return None
    if m := _rate(_PER_PERSON, text):
        return parse_quantity(m.group(1))
    first = next((span.start for span in find_spans(text) if span.entity == "amount"), None)
    if first is not None and re.search(_PER_HEAD, text[:first]) and (total := owed_total(text)):
        return total.amount  # "一个人一个月四千五 四个月都没发": each one's wages, worked out
    if re.search(_PER_HEAD + rf"\s*(都|也)?(欠|差|(?=\s*(\d+|[{_N}]+)\s*个?(多|半)?月))", text) \
            and (total := owed_total(text)) and total.working:
        return total.amount  # "一个月两千八 每人欠两个月": each one's wages, worked out
    return None


def only_side_money(text: str) -> bool:
    """Every figure in the message is side money (押金, 路费 …), none is wages: "每个人交的三百块押金也能要吗？"."""
    text = normalise(text or "")
    return any(span.entity == "amount" for span in find_spans(text)) and not list(_figures(text))


def is_side_money(text: str, figure: str) -> bool:
    """The figure is side money in the message (押金五百不算), never the wages owed."""
    text, figure = normalise(text or ""), normalise(figure or "").strip()
    kept = [text[span.start:span.end] for span in find_spans(text) if span.entity == "amount"]
    wages = {_show(amount) for amount, _, _ in _figures(text)}
    return figure in kept and (amount := parse_quantity(figure)) is not None and _show(amount) not in wages


def _before(figures, amount: Quantity) -> str:
    return next(before for figure, before, _ in figures if figure == amount)


def _for_everyone(text: str, amount: Quantity, figures) -> OwedTotal:
    """The figure owed as it stands, or times the head count when it is each one's (一个人还欠六千五 … 我们五个)."""
    heads = _head_count(text) if _EACH_OWED.search(_before(figures, amount)) else None
    if not heads or heads.low < 2:
        return OwedTotal(amount, None)
    total = _times(amount, heads)
    return OwedTotal(total, f"{_show(amount)}元/人 × {_show(heads)}人 = {_show(total)}元")


def _each_less_paid(text: str, share: Quantity) -> OwedTotal:
    """Each one's share times the head count said elsewhere, less what each was paid (每人借支过两千)."""
    heads = _head_count(text)
    if not heads or heads.low < 2:
        return OwedTotal(share, None)
    total, working = _times(share, heads), f"{_show(share)}元/人 × {_show(heads)}人"
    already, each = _paid(text)
    if already and each:
        return _less(total, working, _times(already, heads))
    return OwedTotal(total, f"{working} = {_show(total)}元")


def _paid(text: str) -> Tuple[Optional[Quantity], bool]:
    """What the message says was paid already, and whether it was paid to each one (给过每人两千, 每个人借了一千)."""
    paid = _PAID.search(text)
    if not paid:
        return None, False
    each = paid.group(1) or re.search(_PER_HEAD + r"[^\d，。,]{0,3}$", text[max(0, paid.start() - 8):paid.start()])
    return parse_quantity(paid.group(2)), bool(each)


def _less(total: Quantity, working: str, already: Optional[Quantity]) -> OwedTotal:
    """The total less what was paid (when that is less than the total), with the working shown."""
    if already and already.high < total.low:
        total = Quantity(total.low - already.high, total.high - already.low, total.approximate or already.approximate)
        working += f" − 已拿到{_show(already)}元"
    return OwedTotal(total, f"{working} = {_show(total)}元")


_PAID_INSIDE = re.compile(r"(给了|发了|付了|预支|借支|拿了|拿到|结了|给过|发过|付过|借过|拿过|领了|领过)")
_PAID_BEFORE = re.compile(r"(给了|发了|付了|预支|借支|拿了|拿到|结了|给过|发过|付过|借过|拿过)[^\d]{0,4}$")


def _rate(pattern: re.Pattern, text: str) -> Optional[re.Match]:
    """The first match of a rate pattern that is not a payment ("给过每人两千" is what was paid)."""
    return next((m for m in pattern.finditer(text) if not _PAID_BEFORE.search(text[max(0, m.start() - 8):m.start()])
                 and not _PAID_INSIDE.search(m.group(0))), None)  # nor "四个人 老板给过每人五百"


def _head_count(text: str) -> Optional[Quantity]:
    """How many people a per-person rate is multiplied by ("一人" of the rate itself is not a count)."""
    found = _HEADS.search(re.sub(_PER_HEAD, "＃", text))
    if not found:
        return None
    if found.group(0) in ("两口子", "俩口子", "夫妻俩", "夫妻两个") or not any(found.groups()):
        return Quantity(2, 2, False)  # a couple, or 我和我老婆
    words = next(group for group in found.groups() if group)
    return parse_quantity(words)


def _with_second_rate(text: str, end: int, rate: Quantity) -> Tuple[Quantity, str, bool]:
    """The monthly rate, with a second person's added when it follows (俺一个月四千 她三千五): (rate, as
    shown in the working, whether it is two people's)."""
    other = _SECOND_RATE.match(text, end)
    second = parse_quantity(other.group(1)) if other else None
    if second is None or second.high < 100:
        return rate, _show(rate), False
    both = Quantity(rate.low + second.low, rate.high + second.high, rate.approximate or second.approximate)
    return both, f"({_show(rate)}+{_show(second)})", True


def _computed_total(text: str, heads_anywhere: bool = True) -> Optional[OwedTotal]:
    """A rate times a count (times the head count for a per-person rate), less what was already paid,
    with the working shown. heads_anywhere: a per-person rate may take its head count from anywhere in
    the message (一个人7800，我们两个), not only from right beside it."""
    total = working = unit_rate = None
    per_time = summed = False  # a rate per day or month: each worker's, so times the head count
    for pattern, rate_first, unit, count_unit in ((_PER_MONTH, True, "元/月", "个月"),
                                                 (_MONTHS_FIRST, False, "元/月", "个月"),
                                                 (_PER_PERSON_COUNT, True, "元/人", "人"),
                                                 (_PEOPLE_FIRST, False, "元/人", "人")):
        m = _rate(pattern, text)
        if m:
            rate_text, count_text = (m.group(1), m.group(2)) if rate_first else (m.group(2), m.group(1))
            if rate_text.endswith("一") and re.match(r"[共直起般样下点些定旦]", text[m.end(1 if rate_first else 2):]):
                rate_text = rate_text[:-1]  # 每人五千一共6个人: the 一 is 一共's
            rate, count = parse_quantity(rate_text), parse_quantity(count_text)
            if rate and count and rate.high >= 100:  # 三个月底薪一分没发: 一分 is no rate
                shown = _show(rate)
                if pattern is _PER_MONTH:
                    rate, shown, summed = _with_second_rate(text, m.end(1), rate)
                total = _times(rate, count)
                working = f"{shown}{unit} × {_show(count)}{count_unit}"
                if "half" in pattern.groupindex and m.group("half"):  # 三个半月: and half a month's pay
                    total = Quantity(total.low + rate.low // 2, total.high + rate.high // 2, total.approximate)
                    working = f"{_show(rate)}{unit} × {_show(count)}.5{count_unit}"
                per_time = unit == "元/月" and not summed
                unit_rate = rate if unit == "元/月" else None
                break
    if total is None and (m := _PER_HOUR.search(text)) and (rate := parse_quantity(m.group(1))) \
            and (hours := parse_quantity(m.group(2))):
        total, working = _times(rate, hours), f"{_show(rate)}元/小时 × {_show(hours)}小时"
    if total is None and (m := _PER_DAY.search(text) or _DAY_RATE_FIRST.search(text)):
        rate, count = parse_quantity(m.group(1)), parse_quantity(m.group(2))
        if rate and count:
            if m.group(3) == "个月":  # months of day-rate work: count working days
                days = Quantity(count.low * DAYS_PER_MONTH, count.high * DAYS_PER_MONTH, True)
                working = f"{_show(rate)}元/天 × 约{_show(days)}天（{_show(count)}个月按每月{DAYS_PER_MONTH}天算）"
            else:
                days = count
                working = f"{_show(rate)}元/天 × {_show(days)}{'个工' if m.group(3) == '个工' else '天'}"
            # "我们三个人加起来干了两百一十个工": the days of everyone together, not each one's
            total, per_time = _times(rate, days), not re.search(r"(加起来|一共|总共|合计)", m.group(0))
    if total is None and heads_anywhere and (m := _MONTH_RATE.search(text)) \
            and (rate := parse_quantity(m.group(1) or m.group(2))) and rate.high >= 100:
        periods = [span for span in find_spans(text) if span.entity == "period"]
        worked = work_period(text, [(span.start, span.end) for span in periods])
        months = parse_period(worked)["months"] if worked else next(
            (months for span in periods if (months := parse_period(span.value)["months"])), None)
        rate, shown, summed = _with_second_rate(text, m.end(), rate)
        if months:
            total, per_time, unit_rate = _times(rate, Quantity(months, months, False)), not summed, rate
            working = f"{shown}元/月 × {months}个月"
    if total is None and heads_anywhere and (m := _YEAR_RATE.search(text)) and (rate := parse_quantity(m.group(1))):
        months = next((months for span in find_spans(text) if span.entity == "period"
                       and (months := parse_period(span.value)["months"]) and months < 12), None)
        if months:  # 说好一年三万 我干了半年: half the year's pay
            total, per_time = Quantity(rate.low * months // 12, rate.high * months // 12, rate.approximate), True
            working = f"{_show(rate)}元/年 × {months}/12"
        elif _PAID.search(text):  # 说好一年五万 只给了一万二: the year's pay, less what was paid
            total, per_time, working = rate, True, f"{_show(rate)}元/年"
    heads = _head_count(text) if heads_anywhere else None
    if total is not None and per_time and heads and heads.low > 1:
        total = _times(total, heads)  # a day or month rate is each worker's: 一天三百 干了60天 我们五个
        working += f" × {_show(heads)}人"
    if total is None and (m := _rate(_PER_PERSON, text)) and heads:
        rate = parse_quantity(m.group(1))
        if rate:
            total = _times(rate, heads)
            working = f"{_show(rate)}元/人 × {_show(heads)}人"
    if total is None:
        return None
    if unit_rate is not None and (m := _PAID_MONTHS.search(text)) \
            and (months := parse_quantity(m.group(1) or m.group("first"))):
        already = _times(unit_rate, months)  # 一个月七千 干了五个月 就给了两个月的
        if heads and heads.low > 1 and per_time:
            already = _times(already, heads)
        if already.high < total.low:
            total = Quantity(total.low - already.high, total.high - already.low, total.approximate)
            return OwedTotal(total, f"{working} − 已发{_show(months)}个月 = {_show(total)}元")
    already, each = _paid(text)
    if already and each and heads and heads.low > 1 and "人" in working:
        already = _times(already, heads)  # 给过每人两千, 每个人借了一千: what each was paid, times the heads
    return _less(total, working, already)
