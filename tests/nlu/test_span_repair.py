import pytest

from nlu.span_repair import repair_employers


def employer(text, value, start=None):
    start = text.index(value) if start is None else start
    return {"entity": "employer", "start": start, "end": start + len(value), "value": value}


@pytest.mark.parametrize("text,predicted,expected", [
    ("我们永发家具厂去年腊月到现在都没发工资", ["永发"], ["永发家具厂"]),
    ("清泉水站老闆欠我兩個月工資", ["清泉水"], ["清泉水站"]),
    ("我们是洁美保洁公司派到万达广场做保洁的", ["洁美", "公司"], ["洁美保洁公司"]),
    ("宏达建筑公司欠我两万", ["宏达建筑公司"], ["宏达建筑公司"]),
    ("包工头老王欠我们工钱", ["老王"], ["老王"]),
])
def test_employer_names_are_completed(text, predicted, expected):
    entities = [employer(text, value) for value in predicted]
    repaired = repair_employers(entities, text)
    assert [e["value"] for e in repaired] == expected
    assert all(text[e["start"]:e["end"]] == e["value"] for e in repaired)


def test_other_entities_are_untouched_and_not_overrun():
    text = "永发厂欠两万"
    entities = [employer(text, "永发"), {"entity": "amount", "start": 4, "end": 6, "value": "两万"}]
    assert [(e["entity"], e["value"]) for e in repair_employers(entities, text)] == \
           [("employer", "永发厂"), ("amount", "两万")]
