"""Hundreds of written forms of known figures, produced independently of the parser."""

import random

import cn2an
import opencc
import pytest

from bot.fields import normalise_phone
from nlu.numbers import Quantity, parse_amount, parse_count

AMOUNTS = [300, 450, 800, 1200, 1500, 2000, 2800, 3500, 4500, 5000, 6000, 7800, 8000, 9000, 10000, 12000,
           13500, 15000, 18000, 20000, 23000, 28000, 30000, 35000, 42000, 50000, 56000, 68000, 80000, 95000,
           100000, 120000, 132000, 150000, 200000, 350000]
_S2T = opencc.OpenCC("s2t")


def written_forms(n: int) -> list:
    lower = cn2an.an2cn(n, "low")
    fullwidth = f"{n}".translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    forms = [f"{n}", f"{n}元", f"{n}块钱", f"{n:,}元", fullwidth, lower, f"{lower}块",
             cn2an.an2cn(n, "up") + "元", _S2T.convert(lower), f"人民币{n}元"]
    if n >= 10000 and n % 1000 == 0:
        forms += [f"{n / 10000:g}万", f"{n / 10000:g}w", f"{n / 10000:g}W块"]
        wan, rest = divmod(n, 10000)
        if rest and rest % 1000 == 0 and wan < 10:  # 两万八: the thousands digit alone
            forms.append(cn2an.an2cn(wan, "low").replace("二", "两") + "万" + cn2an.an2cn(rest // 1000, "low"))
    if n < 10000 and n % 100 == 0:
        forms += [f"{n / 1000:g}k", f"{n / 1000:g}千"]
    return forms


CASES = [(form, n) for n in AMOUNTS for form in written_forms(n)]


@pytest.mark.parametrize("text,expected", CASES)
def test_written_amounts(text, expected):
    assert parse_amount(text) == Quantity(expected, expected, False)


COUNT_CASES = [(pattern.format(n=form), n) for n in range(1, 61)
               for form in {str(n), cn2an.an2cn(n, "low")}
               for pattern in ("{n}个人", "我们{n}个工友", "{n}名工人", "一共{n}个")]


@pytest.mark.parametrize("text,expected", COUNT_CASES)
def test_written_counts(text, expected):
    assert parse_count(text) == Quantity(expected, expected, False)


def test_there_are_hundreds_of_cases():
    assert len(CASES) + len(COUNT_CASES) > 500


_rng = random.Random(7)
MOBILES = [f"1{_rng.choice('3456789')}{_rng.randrange(10**9):09d}" for _ in range(40)]


@pytest.mark.parametrize("number", MOBILES)
def test_mobile_in_every_common_layout(number):
    spaced = f"{number[:3]} {number[3:7]} {number[7:]}"
    dashed = f"{number[:3]}-{number[3:7]}-{number[7:]}"
    for text in (number, spaced, dashed, f"+86 {number}", f"0086{number}", f"手机：{spaced}"):
        assert normalise_phone(text) == number


@pytest.mark.parametrize("number", [m[:10] for m in MOBILES[:10]] + ["1" + m for m in MOBILES[:10]]
                         + ["12" + m[2:] for m in MOBILES[:10]])
def test_wrong_length_or_prefix_is_refused(number):
    assert normalise_phone(number) is None
