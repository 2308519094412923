"""Find the closed-form entities (amount, worker_count, period, phone) by rule.

These have a fixed written shape, so rules find them more reliably than a
statistical model, and their spans also tell the tokenizer where to cut
(see nlu/tokenizer.py). Pure functions, no Rasa imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List

from nlu.numbers import CN_DIGITS, CN_NUMERAL_CHARS, to_halfwidth

_N = CN_NUMERAL_CHARS
_NUM = rf"(?:\d+(?:\.\d+)?|[{_N}]+)"

PHONE = re.compile(
    r"(?<![\d])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![\d])"
    r"|(?<![\d])0\d{2,3}-\d{7,8}(?![\d])"
)

_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,2}|腊|正|冬)月份?"
_YEAR = r"(?:\d{4}年|\d{2}年|去年|今年|前年|上年|明年)"
_POINT = rf"(?:{_YEAR}?{_MONTH}(?:\d{{1,2}}[号日])?(?:初|底|中旬|下旬|上旬)?|{_YEAR}(?:初|底|年底|年初)?|春节|过年|年前|年后|国庆|五一|开工)"
# A value said not to be the right one: "是天津滨海新区塘沽 不是河西", "不叫于海滔", "是九千块 不是九万".
NEGATED_BEFORE = re.compile(r"(不是|不叫|不姓|唔係|唔系|并非|而不是|不在)\s*$")
PERIOD = re.compile(
    # 去年10月到今年1月, 前年冬月干到去年四月, 3月份一直做到现在
    # (去年腊月进的厂 干到今年五月: the day they started, then the day they stopped)
    rf"{_POINT}(?:后|以后|之后)?(?:开始|起)?(?:(?:进的?|来的?|到的?|上的?)(?:厂|场|工地|店|船|班)?的?[\s,，]{{0,2}})?"
    rf"(?:(?<=开始)(?:干|做)的?[\s,，]{{0,2}})?"
    rf"(?:一直|就)?(?:干活|干|做|上班|打工|务工)?(?:到|至|-|~)(?:{_POINT}|现在|今天|目前|如今)"
    # (正月间来的 一直搞到八月十五, 从去年冬月就在他那干 干到今年四月: a few words, then worked until)
    rf"|{_POINT}[^\d，。,；;？?！!]{{0,12}}?(?:干|做|搞|弄|上班|待|呆)(?:活)?(?:到|至)(?:{_POINT}|现在|今天|目前|如今)"
    # 八月九月, 8月9月: consecutive months named one by one
    rf"|(?:{_YEAR}?{_MONTH}[和、]?){{2,4}}"
    rf"|(?<![{_N}\d])[一二三四五六七八九][二三四五六七八九十]两个月"  # 七八两个月: July and August
    rf"|(?:{_NUM}|半|几)(?:个)?(?:多|半)?(?:月份|月|年|星期|礼拜|周)(?:多)?"
    rf"|半年多?|大半年|一年多|{_YEAR}{_MONTH}以来"
)

_APPROX = r"(?:多|来|余|几)"
_PERSON = r"(?:人|工友|兄弟|工人|师傅|老乡|同事|伙计|姐妹|农民工|阿姨|大姐|大哥|服务员|保安|保洁|司机|临时工|小工|学徒)"
_COUNT_NOUN = rf"(?:个|名|位|号)?\s*{_PERSON}"
# "12个" counts people only at the end of a phrase: not 一个字, 一个月, 一个工
_BARE_CLASSIFIER = (
    r"(?:个|名|位)(?=$|[\s,，。.!！?？、~]|一共|总共|被|都被|是|都"
    # 四个厨师, 十六个铸造工, 二十三个分拣工 (but not 四十个工: worker-days)
    r"|(?!工)[\u4e00-\u9fff]{0,3}(?:工|员|师|手|匠|姐|哥|姨|嫂|叔)(?![作资钱期程地厂]))"
)
WORKER_COUNT = re.compile(  # not an ordinal (第二人民医院) and not 人民
    rf"(?<!第)(?:\d+|[{_N}几]+){_APPROX}?(?=\s*(?:{_COUNT_NOUN}(?!民)|{_BARE_CLASSIFIER}))"
    rf"|(?<=[我俺咱])[俩仨](?![{_N}])|(?<=[我俺咱]们)[俩仨](?![{_N}])"  # 欠俺俩工钱, 我们仨: "the two/three of us"
    r"|[两俩]口子"  # a married couple
)

# What follows 一人 / 一个月 / 一天 when it is the unit of a rate or a share: 一人领了五千, 一天三百, 一人干了九十个工.
_RATE_VERB = (r"才|就|是|工资|能拿|有|给|欠[了起着]?|还欠|还差|说好的?|讲好的?|领了?|拿了?|借了?|支了?|干了?|做了?|摘了?"
              r"|挣了?")

_CURRENCY_AFTER = r"(?=\s*(?:多)?(?:块钱|块|塊|元|圆|圓|蚊|人民币|rmb|RMB|的工资|工资|工钱))"
_MORE = r"(?:多|来|余|來|餘)"
# 2,460,000 / 26，500 / 1 280 000 / 36 000元: separators never cut a figure short (a space separates
# thousands when two groups of three follow it, or one group and a currency word)
_GROUPED = (r"(?:\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?"
            r"|(?<![\d.])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}){2,}(?![\d.])"
            r"|(?<![\d.])\d{1,3}[ \u00a0\u2009\u202f]\d{3}(?=\s*(?:元|块|塊|人民币)))")
AMOUNT = re.compile(
    # shorthand and mixed forms: 2.8万, 1.5w, 3k, 13万2, 2万3千5, 150多万, 400余萬, 23万多, 1,280万
    rf"[¥￥]?(?:{_GROUPED}|\d+(?:\.\d+)?)\s*(?:{_MORE}?[万萬wWkK千](?:零?\d(?![\d个人月年天号期])[百佰]?|零?[一二两俩三四五六七八九](?![个人月年天号期])[百佰]?)?)+{_MORE}?"
    # figures with thousands separators or a currency sign: 2,460,000元, ¥4,800, 35,000, ¥80
    rf"|[¥￥]?{_GROUPED}(?![\d.])|[¥￥]\d+(?:\.\d+)?"
    r"|万[儿把]八千|百[来多余把]万|[百千万]把"
    rf"|[{_N}]+[百千万萬]把(?![钱工活他她我你])"  # 两万把块, 三千把: about that much
    # Chinese numerals that carry a unit of hundreds or more: 两万八, 贰万捌仟, 八千多, 两万三四, 四千七八
    rf"|[{_N}]*[百千万佰仟萬亿億][{_N}]*(?:{_MORE}|[几幾](?![个人月年天号期]))?[万千萬]?"
    # 十来万, 三十多万, 几千
    rf"|[{_N}]+(?:{_MORE}|几)[万千萬]"
    # bare figures followed by a currency word: 28000元, 三百块
    rf"|(?:\d+(?:\.\d+)?|[{_N}]+){_APPROX}?{_CURRENCY_AFTER}"
    # bare Arabic figures of three digits or more: 4500, 28000
    r"|(?<![\d.A-Za-z])(?<!\d[,，])(?!(?:12333|12345|12348|12315|12351|110|119|120)(?!\d))\d{3,7}(?:多|余|来)?"
    r"(?![\d.年号栋楼层期路米平%]|[,，]\d{3})"
)

# A figure needs a digit: 万 alone (万达广场) is a name, not an amount.
_HAS_DIGIT = re.compile(r"[\d" + CN_DIGITS + "十拾几把]|^百[来多余把]万$")
_NOT_AMOUNT_AFTER = re.compile(r"^\s*(?:个|名|位|号|栋|楼|层|期|路|米|平|年(?![前后底初])|月|天|多个|来个)")  # not "九万六 年前借支了…"


@dataclass(frozen=True)
class Span:
    entity: str
    start: int
    end: int
    value: str


def find_spans(text: str) -> List[Span]:
    """All closed-form entity spans in text, longest first, no overlaps.

    Offsets refer to the text as given (full-width digits are read as
    half-width without changing length).
    """
    probe = to_halfwidth(text)
    candidates: List[Span] = []
    for entity, pattern in (("phone", PHONE), ("period", PERIOD),
                            ("worker_count", WORKER_COUNT), ("amount", AMOUNT)):
        for m in pattern.finditer(probe):
            start, end = m.span()
            value = text[start:end].strip()
            if not value or (entity != "period" and not re.search(_HAS_DIGIT, value)):
                continue
            if entity == "amount" and _NOT_AMOUNT_AFTER.match(probe[end:]):
                continue
            if entity == "period" and re.match(r"[\d零〇一二两三四五六七八九十]*[百千万]", value):
                continue  # 三千六一个月: a monthly rate, not 3601 months
            if entity == "amount" and re.fullmatch(r"[俩仨两二三四五六七八九]", value) and \
                    re.match(r"(的)?(工资|工钱)", probe[end:]):
                continue  # 欠我们俩工资: two people, not two yuan
            # 一个月3200, 一天300, 一人六千: a unit of a rate, not a period or a head count
            # (and not 一人干了九十个工 of a group; but 我一个人干了三个月 is one)
            if entity in ("period", "worker_count") and re.fullmatch(r"(一|每)(个)?(月份?|天)?", value) and \
                    re.match(rf"\s*(?:个)?(?:人|月|天)?\s*(?:{_RATE_VERB})?\s*[\d{_N}]", probe[end:]) and not (
                        entity == "worker_count" and re.search(r"[我俺就只]$", probe[:start])
                        and re.match(r"\s*个?人?\s*(?:干了?|做了?)", probe[end:])):
                continue
            # 五千一共, 2.8万一直: the 一 belongs to the next word, not to the figure
            while entity in ("amount", "worker_count") and value.endswith("一") and \
                    re.match(r"(共|直|起|般|样|下|点|些|定|旦)", probe[end:]):
                value, end = value[:-1], end - 1
            # 两口子一人干了四十五天: 一人 after a head count is "each", not a count of one
            if entity == "worker_count" and value == "一" and probe[end:end + 1] == "人" and \
                    re.search(r"(口子|俩|仨|们|个)\s*$", probe[:start]):
                continue
            # 俺俩一人一万四: the 一 of a per-person rate does not belong to the head count
            if entity == "worker_count" and len(value) > 1 and value.endswith("一") and value[-2] != "十" and (
                    re.match(rf"(?:个)?人\s*(?:每天|一天)?\s*[\d{_N}]", probe[end:])
                    or (value[-2] in "俩仨" and probe[end:end + 1] == "人")):  # 俺俩一人干了六十天
                value, end = value[:-1], end - 1
            # 我们俩四万六七: 俩 ("the two of us") before a figure is not part of it; nor is the 伍 of 队伍
            if entity in ("amount", "period") and value[:1] in "俩仨" and value[1:2] and value[1] in CN_DIGITS \
                    and not value.startswith("俩仨"):
                value, start = value[1:], start + 1
            if entity == "amount" and value[:1] == "伍" and start and probe[start - 1] in "队入落行部军":
                value, start = value[1:], start + 1
            # strip white space the pattern may have swallowed at the edges
            start += len(text[start:end]) - len(text[start:end].lstrip())
            end = start + len(value)
            candidates.append(Span(entity, start, end, value))
    # earlier pattern families win ties; then longer spans win
    order = {"phone": 0, "period": 1, "worker_count": 2, "amount": 3}
    candidates.sort(key=lambda s: (order[s.entity], -(s.end - s.start), s.start))
    chosen: List[Span] = []
    for span in candidates:
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)
