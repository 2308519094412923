"""Any figure from 1 to 100,000,000, written any way a worker writes it, reads back as that figure.

The written forms are produced here, independently of the parser (cn2an and OpenCC write the
Chinese numerals). Exact forms read back exactly; forms with 多/余/来/左右/把 read back as a range
that contains the figure, flagged approximate. And a figure is found in a sentence whole: a
thousands separator never shortens it.
"""

from __future__ import annotations

import cn2an
import opencc
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from nlu.numbers import Quantity, parse_amount
from nlu.patterns import find_spans

_S2T = opencc.OpenCC("s2t")
_FULL = {ord(c): ord(c) + 0xFEE0 for c in "0123456789,"}
HOTLINES = {110, 119, 120, 12315, 12333, 12345, 12348, 12351}
figures = st.integers(min_value=1, max_value=100_000_000)


def _chinese(n: int) -> str:
    return cn2an.an2cn(n, "low")


def exact_forms(n: int) -> list:
    """Ways to write n exactly."""
    grouped = f"{n:,}"
    forms = [f"{n}", grouped, grouped.replace(",", "，"), f"{n}".translate(_FULL), grouped.translate(_FULL),
             f"¥{grouped}", f"￥{n}", f"{grouped}元", f"{n}块", f"{n}块钱", f"人民币{n}元",
             _chinese(n), _chinese(n) + "元", cn2an.an2cn(n, "up"), cn2an.an2cn(n, "up") + "元",
             _S2T.convert(_chinese(n)), _S2T.convert(cn2an.an2cn(n, "up")) + "圓"]
    if n >= 1000:  # spaces as thousands separators, as formal letters print them: 36 000元, 1 280 000
        forms.append(grouped.replace(",", " ") + "元")
    if n >= 1_000_000:
        forms += [grouped.replace(",", " "), grouped.replace(",", "\u2009")]
    wan, rest = divmod(n, 10_000)
    if wan and rest % 100 == 0:
        thousands, hundreds = divmod(rest // 100, 10)
        if hundreds == 0 and thousands:
            forms += [f"{wan}万{thousands}", f"{wan}萬{thousands}"]  # 3万5 = 35000
            if wan < 10:  # 两万八 = 28000
                forms.append(_chinese(wan).replace("二", "两") + "万" + _chinese(thousands))
        if thousands and hundreds:
            forms.append(f"{wan}万{thousands}千{hundreds}")  # 2万3千5 = 23500
        if rest == 0:
            forms += [f"{wan}万", f"{wan}w", f"{wan}萬元"]
    if n < 10_000 and n % 100 == 0 and n >= 1000 and (n // 100) % 10:
        forms.append(_chinese(n // 1000) + "千" + _chinese((n // 100) % 10))  # 三千五 = 3500
    return forms


def approximate_forms(n: int) -> list:
    """Ways to say "about n" or "n and more": the range must contain n."""
    forms = [f"{n}左右", f"约{n}元", f"大概{_chinese(n)}", f"{n}多", f"{n}多块", f"{_chinese(n)}多"]
    wan, rest = divmod(n, 10_000)
    if wan and rest == 0:
        forms += [f"{wan}多万", f"{wan}余万", f"{wan}餘萬元", f"{wan}来万", f"{_chinese(wan)}多万",
                  f"{_S2T.convert(_chinese(wan))}來萬", f"{wan}万左右"]
    if n in (1000, 10_000):
        forms.append(f"{_chinese(n)[-1]}把块")  # 千把块, 万把块
    if wan and rest == 0 and wan < 10:
        forms.append(f"{_chinese(wan)}万把块")  # 两万把块: about twenty thousand
    if n == 1_000_000:
        forms.append("百把万")
    return forms


@settings(max_examples=300, deadline=None)
@given(figures)
@example(2_460_000)
@example(4_800)
@example(26_500)
@example(35_000)
@example(1_280_000)
@example(23_500)
def test_every_exact_form_reads_back_exactly(n: int) -> None:
    for form in exact_forms(n):
        assert parse_amount(form) == Quantity(n, n, False), form


@settings(max_examples=300, deadline=None)
@given(figures)
@example(1_500_000)
@example(4_000_000)
@example(400_000)
@example(10_000)
@example(1_000_000)
def test_every_approximate_form_reads_as_a_range_that_holds_the_figure(n: int) -> None:
    for form in approximate_forms(n):
        amount = parse_amount(form)
        assert amount is not None and amount.approximate and amount.low <= n <= amount.high, (form, amount)


@settings(max_examples=300, deadline=None)
@given(figures)
@example(2_460_000)
@example(4_800)
@example(26_500)
@example(35_000)
def test_a_figure_in_a_sentence_is_found_whole(n: int) -> None:
    assume(n not in HOTLINES)
    for form in exact_forms(n):
        if n < 100 and not any(sign in form for sign in "元块圓¥￥"):
            continue  # "欠我12" or "欠我十二" alone is not read as money without a currency word or sign
        if n >= 10_000_000 and form.translate({0xFF10 + d: 0x30 + d for d in range(10)}).isdigit():
            continue  # eight bare digits are a local phone number as often as a sum: a sign, unit or comma decides
        sentence = f"老板到现在欠我{form}，说下个月再给"
        amounts = [span for span in find_spans(sentence) if span.entity == "amount"]
        assert len(amounts) == 1, (sentence, amounts)
        assert parse_amount(amounts[0].value) == Quantity(n, n, False), (sentence, amounts[0].value)


@given(st.integers(min_value=1_000, max_value=100_000_000))
def test_a_separator_never_shortens_a_figure(n: int) -> None:
    for form in (f"{n:,}", f"{n:,}".replace(",", "，"), f"¥{n:,}", f"{n:,}元", f"{n:,}元".replace(",", " ")):
        found = [span for span in find_spans(f"工资{form}没给") if span.entity == "amount"]
        assert found and parse_amount(found[0].value).low == n, (form, found)
