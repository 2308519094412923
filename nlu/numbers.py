"""Chinese and Arabic numbers as workers write them, turned into integers.

Pure functions with no Rasa imports, so that the NLU components, the actions
and the command line all read numbers the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# Full-width digits and letters come from Chinese phone keyboards.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20

CN_DIGITS = "零〇一二两俩仨三四五六七八九壹贰叁叄参肆伍陆柒捌玖兩貳參陸廿卅"  # 廿 = 二十, 卅 = 三十 (廿八日)
CN_UNITS = "十百千万亿拾佰仟萬億"
CN_NUMERAL_CHARS = CN_DIGITS + CN_UNITS
_TRADITIONAL_NUMERALS = str.maketrans("兩貳參陸萬億", "两贰叁陆万亿")

_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_SHORTHAND = {"w": 10_000, "W": 10_000, "k": 1000, "K": 1000}
_DIGIT_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_DIGIT_VALUE.update({"〇": 0, "两": 2, "俩": 2, "仨": 3, "壹": 1, "贰": 2, "叁": 3, "叄": 3, "参": 3, "肆": 4, "伍": 5,
                     "陆": 6, "柒": 7, "捌": 8, "玖": 9})

# Words around a figure that carry no value.
_CURRENCY = re.compile(r"(人民币|rmb|RMB|块钱|块|元整|元|圆|钱|大洋|蚊|[¥￥$])")
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


# Thousands separators: 2,460,000 / 2，460，000 / 2 460 000 (never a decimal comma in Chinese use).
_GROUPED = re.compile(r"\d{1,3}(?:[,，\s\u00a0\u2009\u202f]\d{3})+(?:\.\d+)?")
# Characters that mean the same in a figure: Traditional and colloquial forms.
_SAME = str.maketrans({"俩": "两", "來": "来", "餘": "余", "幾": "几", "塊": "块", "錢": "钱", "圓": "圆", "億": "亿",
                       "廿": "二十", "卅": "三十"})
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")


def _ungroup(text: str) -> str:
    """2,460,000 -> 2460000: a separator never shortens a figure."""
    return _GROUPED.sub(lambda m: re.sub(r"[,，\s\u00a0\u2009\u202f]", "", m.group(0)), text)


def _numeral(text: str) -> Optional[float]:
    """A figure in Chinese numerals, Arabic digits or a mix: 两万八, 2万3千5, 贰万捌仟, 十三万二, 1.5万, 一千零五.

    A digit right after a unit is one place below it, as people say figures: 两万八 = 28000,
    三千五 = 3500, 2万3千5 = 23500; after 零 it is a plain digit (一千零五 = 1005).
    """
    total = 0.0  # whole 亿 and 万 sections already closed
    section = 0.0  # below 万
    digit: Optional[float] = None
    last_unit = 0
    after_zero = False
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            if digit is not None:
                return None  # two figures in a row: 二三, 2 3
            digit = float(token)
        elif token in ("零", "〇"):
            if digit is not None:
                return None
            after_zero = True
        elif token in _DIGIT_VALUE:
            if digit is not None:
                return None
            digit = float(_DIGIT_VALUE[token])
        elif token in _UNIT_VALUE:
            unit = _UNIT_VALUE[token]
            if unit >= 10_000:  # 万, 亿 close a section
                section += digit if digit is not None else (0 if section or total else 1)
                if unit == 100_000_000:
                    total = (total + section) * unit
                else:
                    total += section * unit
                section = 0.0
            else:
                section += (digit if digit is not None else 1) * unit
            digit, last_unit, after_zero = None, unit, False
        else:
            return None
    if digit is not None:
        section += digit * last_unit / 10 if last_unit >= 10 and not after_zero else digit
    value = total + section
    return value if value > 0 else None


def _plain_number(text: str) -> Optional[float]:
    """A number with no approximation words: 2.8万, 两万八, 13万2, 1.5w, 3k, 28000, 2,460,000."""
    text = _ungroup(text.strip()).translate(_TRADITIONAL_NUMERALS).replace(" ", "")
    if not text:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([wWkK])", text)
    if m:
        return float(m.group(1)) * _SHORTHAND[m.group(2)]
    m = re.fullmatch(r"(\d+)([wW])(\d)", text)  # 2w8 = 2万8 = 28000
    if m:
        return float(m.group(1)) * 10_000 + int(m.group(3)) * 1_000
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    text = text.replace("拾", "十").replace("佰", "百").replace("仟", "千")
    return _numeral(text)


def _last_unit_step(text: str) -> int:
    """What 多 adds to a figure: the place of its last unit or last non-zero digit.

    八千多 -> 1000, 二十多 -> 10, 1万多 -> 10000; 3000多 -> 1000, 150多(万) -> 10, 8多(万) -> 1.
    """
    text = _ungroup(text).translate(_TRADITIONAL_NUMERALS)
    if re.fullmatch(r"\d+", text):
        return 10 ** (len(text) - len(text.rstrip("0")))
    for ch in reversed(text):
        if ch in _UNIT_VALUE:
            return _UNIT_VALUE[ch]
        if ch.isdigit() or ch in _DIGIT_VALUE:
            return 1
    return 1


def parse_quantity(text: str) -> Optional[Quantity]:
    """Read one figure, exact or approximate, from a short piece of text.

    Approximate and ranged forms keep their range (八千多 -> 8000..9000,
    两三万 -> 20000..30000, 两万三四 -> 23000..24000) instead of inventing an exact figure.
    """
    text = to_halfwidth(text or "").strip().translate(_SAME)
    text = _CURRENCY.sub("", text).strip()
    approximate = bool(_APPROX_WORDS.search(text))
    text = _APPROX_WORDS.sub("", text).strip().translate(_TRADITIONAL_NUMERALS)
    text = _ungroup(text).replace("拾", "十").replace("佰", "百").replace("仟", "千")
    if not text:
        return None

    value = _plain_number(text)
    if value is not None:
        return Quantity(round(value), round(value), approximate)

    # 万儿八千: "around ten thousand or a bit less"
    if re.fullmatch(r"万(儿|把)八千", text):
        return Quantity(8000, 10_000, True)
    # 百把 / 千把 / 万把: "a thousand or so"
    m = re.fullmatch(r"([百千万])把", text)
    if m:
        unit = _UNIT_VALUE[m.group(1)]
        return Quantity(unit, 2 * unit, True)
    # 两三万, 三四千, 七八, 十二三万, 二十三四个: two neighbouring digits give a range.
    m = re.fullmatch(r"([一二两三四五六七八九]?十)?([一二两俩三四五六七八九])([二三四五六七八九仨])([十百千万]*)", text)
    if m and _DIGIT_VALUE[m.group(3)] == _DIGIT_VALUE[m.group(2)] + 1:
        tens = int(_numeral(m.group(1)) or 0) if m.group(1) else 0
        scale = 1
        for ch in m.group(4):
            scale *= _UNIT_VALUE[ch]
        return Quantity((tens + _DIGIT_VALUE[m.group(2)]) * scale, (tens + _DIGIT_VALUE[m.group(3)]) * scale, True)
    # 两万三四, 四千七八, 2万3四: a figure whose last digit is two neighbouring digits;
    # 两万七八千, 一百五六十万: the two digits carry their own unit (and a scale after it).
    m = re.fullmatch(r"(.+[十百千万])([一二两三四五六七八九1-8])([二三四五六七八九2-9])([十百千]?)([万]?)", text)
    if m:
        base, low, high = _plain_number(m.group(1)), _digit(m.group(2)), _digit(m.group(3))
        step = _UNIT_VALUE[m.group(4)] if m.group(4) else _last_unit_step(m.group(1)) / 10
        scale = _UNIT_VALUE[m.group(5)] if m.group(5) else 1
        if base is not None and high == low + 1 and step >= 1:
            return Quantity(round((base + low * step) * scale), round((base + high * step) * scale), True)
    # 八千多, 二十多, 十来万, 一百多块, 1万多, 3000多, 150多万, 40余万, 百来万; 两万把, 三千把, 百把万 read like 多
    m = re.fullmatch(r"(.+?)(多|来|余|(?<=[百千万])几|(?<=[百千万])把)([万千]?)", text)
    if m:
        base = _plain_number(m.group(1))
        if base is not None:
            scale = _UNIT_VALUE.get(m.group(3), 1)
            step = _last_unit_step(m.group(1))
            return Quantity(round(base * scale), round((base + step) * scale), True)
    # 几千, 几万, 十几个, 十几万, 二十几, 几十万
    m = re.fullmatch(r"(.*十)?几(十)?([百千万]?)", text)
    if m:
        unit = _UNIT_VALUE.get(m.group(3), 1)
        if m.group(2):  # 几十万: 20..90 of the unit
            return Quantity(20 * unit, 90 * unit, True)
        if m.group(1):  # 十几个, 二十几: the tens and one to nine more; 二十几万 like 二十多万
            tens = _numeral(m.group(1))
            if tens is not None and m.group(3):
                return Quantity(round(tens * unit), round((tens + 10) * unit), True)
            if tens is not None:
                return Quantity(round((tens + 1) * unit), round((tens + 9) * unit), True)
            return None
        return Quantity(2 * unit, 9 * unit, True)
    return None


def _digit(ch: str) -> int:
    return int(ch) if ch.isdigit() else _DIGIT_VALUE[ch]


def parse_amount(text: str) -> Optional[Quantity]:
    """Money in integer yuan. None when no figure can be read."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.high <= 0:
        return None
    return quantity


# (得我, 淨係我: Cantonese "only me")
_SELF_ONLY = re.compile(r"(就我|只有我|我自己|我一个|本人一个|就一个人|自己一个|^得我|淨係我|净系我|净是我)")
# 我俩, 俺们仨, 我和我媳妇, 就我跟我兄弟俩: two or three people named as "we".
_WE_FEW = re.compile(r"(我们?|咱们?)(俩|两个|仨|三个)|^就?(我|咱)(和|跟|同)(我|咱)?[^\d,，。]{1,4}(俩|两个)?$")
_COUNT = re.compile(
    r"([\d零〇一二两三四五六七八九十百几多来余]+)\s*(个|名|位|号)?\s*"
    r"(人|工友|兄弟|工人|师傅|老乡|同事|伙计|姐妹|农民工)?"
)


# Words that start with 一 but are not the number one: 一共, 一直, 一起 ...
_NOT_A_NUMBER = re.compile(r"一(共|直|起|般|样|下|点|些|定|旦|天到晚|分钱|分都)")


def parse_count(text: str) -> Optional[Quantity]:
    """Number of workers: 12个人 -> 12, 二十多个工友 -> 20..30, 就我自己 -> 1."""
    text = to_halfwidth(text or "").strip().replace("俺", "我").replace("倆", "俩")
    if not text:
        return None
    few = _WE_FEW.search(text)
    if few and not re.search(r"\d|[三四五六七八九十]个?人", text):
        return Quantity(3, 3) if "仨" in few.group(0) or "三" in few.group(0) else Quantity(2, 2)
    if _SELF_ONLY.search(text) and not re.search(r"[\d两三四五六七八九十]", text):
        return Quantity(1, 1)
    text = _NOT_A_NUMBER.sub("", text).replace("俩", "两").replace("仨", "三")  # 俩人, "俩 我和我对象"
    m = _COUNT.search(text.translate(_TRADITIONAL_NUMERALS))
    if not m or not re.search(r"[\d零一二两三四五六七八九十几]", m.group(1)):
        return None
    quantity = parse_quantity(m.group(1))
    if quantity is None or quantity.low < 1:
        return None
    if _APPROX_WORDS.search(text):
        return Quantity(quantity.low, quantity.high, True)
    return quantity
