import pytest

from nlu.numbers import Quantity, parse_amount, parse_count, parse_quantity

EXACT_AMOUNTS = [
    ("两万八", 28000), ("2.8万", 28000), ("28000元", 28000), ("贰万捌仟", 28000),
    ("貳萬捌仟", 28000), ("三千五", 3500), ("一万二", 12000), ("4500", 4500), ("1.5w", 15000),
    ("3k", 3000), ("5.6k", 5600), ("13万2", 132000), ("伍仟", 5000), ("2万8", 28000),
    ("３０００块", 3000), ("两万八千块钱", 28000), ("28,000", 28000), ("十万", 100000),
    ("一万零五百", 10500), ("8千", 8000), ("3万5", 35000), ("1万5千", 15000), ("两千", 2000),
    ("三百块", 300), ("十三万二", 132000), ("人民币5000元", 5000),
]


@pytest.mark.parametrize("text,expected", EXACT_AMOUNTS)
def test_exact_amounts(text: str, expected: int) -> None:
    assert parse_amount(text) == Quantity(expected, expected, False)


RANGES = [
    ("八千多", 8000, 9000), ("十来万", 100000, 200000), ("两三万", 20000, 30000),
    ("万儿八千", 8000, 10000), ("一百多块", 100, 200), ("3000多", 3000, 4000),
    ("几千", 2000, 9000), ("三四千", 3000, 4000), ("1万多", 10000, 20000),
]


@pytest.mark.parametrize("text,low,high", RANGES)
def test_approximate_amounts_keep_their_range(text: str, low: int, high: int) -> None:
    amount = parse_amount(text)
    assert amount == Quantity(low, high, True)
    assert amount.exact is None


@pytest.mark.parametrize("text", ["两万左右", "大概两万", "差不多两万"])
def test_about_words_mark_the_figure_approximate(text: str) -> None:
    assert parse_amount(text) == Quantity(20000, 20000, True)


@pytest.mark.parametrize("text", ["", "不知道", "老板", "😭😭", "abc", "零"])
def test_no_amount(text: str) -> None:
    assert parse_amount(text) is None


COUNTS = [
    ("12个人", Quantity(12, 12)), ("二十多个工友", Quantity(20, 30, True)),
    ("我们班组8人", Quantity(8, 8)), ("就我自己", Quantity(1, 1)), ("我一个人", Quantity(1, 1)),
    ("十几个", Quantity(11, 19, True)), ("三十来个", Quantity(30, 40, True)),
    ("五个", Quantity(5, 5)), ("大概15个", Quantity(15, 15, True)),
]


@pytest.mark.parametrize("text,expected", COUNTS)
def test_counts(text: str, expected: Quantity) -> None:
    assert parse_count(text) == expected


def test_quantity_exact_property() -> None:
    assert parse_quantity("十二").exact == 12
