"""Chinese and Arabic numbers as workers write them, turned into integers.

Pure functions with no Rasa imports, so that the NLU components, the actions
and the command line all read numbers the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import cn2an

# Full-width digits and letters come from Chinese phone keyboards.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20

CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖兩貳參陸"
CN_UNITS = "十百千万亿拾佰仟萬億"
CN_NUMERAL_CHARS = CN_DIGITS + CN_UNITS
_TRADITIONAL_NUMERALS = str.maketrans("兩貳參陸萬億", "两贰叁陆万亿")

_UNIT_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
               "万": 10_000, "亿": 100_000_000}
_SHORTHAND = {"w": 10_000, "W": 10_000, "k": 1000, "K": 1000, "万": 10_000, "千": 1000}
_DIGIT_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_DIGIT_VALUE.update({"〇": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
                     "陆": 6, "柒": 7, "捌": 8, "玖": 9})

# Words around a figure that carry no value.
_CURRENCY = re.compile(r"(人民币|rmb|RMB|块钱|块|元|圆|钱|大洋)")
_APPROX_WORDS = re.compile(r"(左右|上下|大概|大约|差不多|约|估计|好像|可能)")


@dataclass(frozen=True)
class Quantity:
    """An amount or a count: exact when low == high and not approximate."""

    low: int
    high: int
    approximate: bool = False

    @property
    def exact(self) -> Optional[int]:
        return None if self.approximate or self.low != self.high else self.low


def to_halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _plain_number(text: str) -> Optional[float]:
    """A number with no approximation words: 2.8万, 两万八, 13万2, 1.5w, 3k, 28000."""
    text = text.strip().translate(_TRADITIONAL_NUMERALS).replace(",", "").replace("，", "")
    if not text:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([wWkK万千])(\d)?", text)
    if m:
        value = float(m.group(1)) * _SHORTHAND[m.group(2)]
        if m.group(3):  # 2万8 = 28000, 3千5 = 3500: the digit is one unit below
            value += int(m.group(3)) * _SHORTHAND[m.group(2)] / 10
        return value
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if not all(ch in CN_NUMERAL_CHARS or ch.isdigit() or ch == "." for ch in text):
        return None
    if text in ("万", "千", "百", "十"):
        return float(_UNIT_VALUE[text]) if text != "十" else 10.0
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _last_unit_step(text: str) -> int:
    """The place value of the last unit in a numeral: 八千 -> 1000, 二十 -> 10."""
    for ch in reversed(text):
        if ch in _UNIT_VALUE:
            return _UNIT_VALUE[ch]
        if ch.isdigit():
            return 1
    return 1


def parse_quantity(text: str) -> Optional[Quantity]:
    """Read one figure, exact or approximate, from a short piece of text.

    Approximate and ranged forms keep their range (八千多 -> 8000..9000,
    两三万 -> 20000..30000) instead of inventing an exact figure.
    """
    text = to_halfwidth(text or "").strip()
    text = _CURRENCY.sub("", text).strip()
    approximate = bool(_APPROX_WORDS.search(text))
    text = _APPROX_WORDS.sub("", text).strip().translate(_TRADITIONAL_NUMERALS)
    if not text:
        return None

    value = _plain_number(text)
    if value is not None:
        return Quantity(round(value), round(value), approximate)

    # 万儿八千: "around ten thousand or a bit less"
    if re.fullmatch(r"万(儿|把)八千", text):
        return Quantity(8000, 10_000, True)
    # 千把 / 万把: "a thousand or so"
    m = re.fullmatch(r"([千万])把", text)
    if m:
        unit = _UNIT_VALUE[m.group(1)]
        return Quantity(unit, 2 * unit, True)
    # 两三万, 三四千, 七八: two neighbouring digits give a range.
    m = re.fullmatch(r"([一二两三四五六七八九])([二三四五六七八九])([十百千万]*)", text)
    if m and _DIGIT_VALUE[m.group(2)] == _DIGIT_VALUE[m.group(1)] + 1:
        scale = 1
        for ch in m.group(3):
            scale *= _UNIT_VALUE[ch]
        return Quantity(_DIGIT_VALUE[m.group(1)] * scale, _DIGIT_VALUE[m.group(2)] * scale, True)
    # 八千多, 二十多, 十来万, 一百多块, 1万多, 3000多
    m = re.fullmatch(r"(.+?)(多|来|余)([万千]?)", text)
    if m:
        base = _plain_number(m.group(1))
        if base is not None:
            scale = _UNIT_VALUE.get(m.group(3), 1)
            step = _last_unit_step(m.group(1))
            if step == 1 and base >= 10:  # 3000多: the last digit's place
                step = 10 ** (len(str(int(base))) - 1) if scale == 1 else 1
            return Quantity(round(base * scale), round((base + step) * scale), True)
    # 几千, 几万, 十几个
    m = re.fullmatch(r"(十?)几([十百千万]?)", text)
    if m:
        if m.group(1):
            return Quantity(11, 19, True)
        unit = _UNIT_VALUE.get(m.group(2), 1)
        return Quantity(2 * unit, 9 * unit, True)
    return None


def parse_amount(text: str) -> Optional[Quantity]:
    """Money in integer yuan. None when no figure can be read."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.high <= 0:
        return None
    return quantity


_SELF_ONLY = re.compile(r"(就我|只有我|我自己|我一个|本人一个|就一个人|自己一个)")
_COUNT = re.compile(
    r"([\d零〇一二两三四五六七八九十百几多来余]+)\s*(个|名|位|号)?\s*"
    r"(人|工友|兄弟|工人|师傅|老乡|同事|伙计|姐妹|农民工)?"
)


# Words that start with 一 but are not the number one: 一共, 一直, 一起 ...
_NOT_A_NUMBER = re.compile(r"一(共|直|起|般|样|下|点|些|定|旦|天到晚|分钱|分都)")


def parse_count(text: str) -> Optional[Quantity]:
    """Number of workers: 12个人 -> 12, 二十多个工友 -> 20..30, 就我自己 -> 1."""
    text = to_halfwidth(text or "").strip()
    if not text:
        return None
    if _SELF_ONLY.search(text) and not re.search(r"[\d两三四五六七八九十]", text):
        return Quantity(1, 1)
    text = _NOT_A_NUMBER.sub("", text)
    m = _COUNT.search(text.translate(_TRADITIONAL_NUMERALS))
    if not m or not re.search(r"[\d零一二两三四五六七八九十几]", m.group(1)):
        return None
    quantity = parse_quantity(m.group(1))
    if quantity is None or quantity.low < 1:
        return None
    if _APPROX_WORDS.search(text):
        return Quantity(quantity.low, quantity.high, True)
    return quantity
