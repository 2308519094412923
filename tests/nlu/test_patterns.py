import pytest

from nlu.patterns import find_spans

CASES = [
    ("包工头老王欠我们12个人两万八块钱", [("worker_count", "12"), ("amount", "两万八")]),
    ("欠了三个月工资一共2.8万", [("period", "三个月"), ("amount", "2.8万")]),
    ("电话 139 1234 5678", [("phone", "139 1234 5678")]),
    ("去年10月到今年1月的工钱没给", [("period", "去年10月到今年1月")]),
    ("每月4500,欠了三个月", [("amount", "4500"), ("period", "三个月")]),
    ("我们二十多个工友在十二中学校建设项目干活", [("worker_count", "二十多")]),
    ("翠湖花园二期", []),
    ("住在3号楼", []),
    ("在万达广场店干服务员", []),
    ("老板欠我28000元", [("amount", "28000")]),
    ("贰万捌仟元", [("amount", "贰万捌仟")]),
    ("春节后到现在的工资", [("period", "春节后到现在")]),
    ("我们十几个服务员", [("worker_count", "十几")]),
    ("手机+86 13812345678", [("phone", "+86 13812345678")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_closed_form_spans(text: str, expected: list) -> None:
    spans = find_spans(text)
    assert [(s.entity, s.value) for s in spans] == expected
    for span in spans:
        assert text[span.start:span.end] == span.value


@pytest.mark.parametrize("text,expected", [
    ("打12333投诉有用吗", []),  # hotline numbers are not amounts
    ("欠了三个半月", [("period", "三个半月")]),
    ("十来万块钱", [("amount", "十来万")]),
    ("四十来号人", [("worker_count", "四十来")]),
    ("一个字都没错", []),
    ("我们12个,欠两万", [("worker_count", "12"), ("amount", "两万")]),
    ("从去年5月到现在", [("period", "去年5月到现在")]),
    ("修S218省道 欠我一万九千五", [("amount", "一万九千五")]),  # a road's number is no amount
    ("市第二人民医院门诊楼", []),  # an ordinal, and 人民, count no one
    ("汽配厂欠我们俩工资", [("worker_count", "俩")]),  # two people, not two yuan
    ("咱俩一人干了三十天", [("worker_count", "俩")]),  # 一人 after the heads is "each", not one person
    ("我们两口子一人做了二十天", [("worker_count", "两口子")]),
])
def test_things_workers_write_that_rules_once_misread(text, expected):
    assert [(s.entity, s.value) for s in find_spans(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("我们四个厨师", [("worker_count", "四")]),
    ("欠我们十六个铸造工三个月", [("worker_count", "十六"), ("period", "三个月")]),
    ("说好一个工350,干了40个工", [("amount", "350")]),
    ("一个工地", []),
])
def test_counts_with_job_nouns(text, expected):
    assert [(s.entity, s.value) for s in find_spans(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("每人五千一共6个人", [("amount", "五千"), ("worker_count", "6")]),
    ("2.8万一直拖着", [("amount", "2.8万")]),
])
def test_a_following_yi_is_not_part_of_the_figure(text, expected):
    assert [(s.entity, s.value) for s in find_spans(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("一个月才3k", [("amount", "3k")]),  # a rate, not a period
    ("一人六千多", [("amount", "六千多")]),  # per person, not a head count
    ("八月九月的工资都没发", [("period", "八月九月")]),
    ("欠了两个月,一个月3200", [("period", "两个月"), ("amount", "3200")]),
])
def test_rate_units_are_not_periods_or_counts(text, expected):
    assert [(s.entity, s.value) for s in find_spans(text)] == expected
