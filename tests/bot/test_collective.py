from datetime import datetime, timedelta
from types import SimpleNamespace

from bot.collective import group_leads, normalise_name, possible_duplicates


def lead(id, employer=None, project=None, workers=1, amount=0, location="东莞", phone=None, day=0):
    return SimpleNamespace(id=id, employer_name=employer, project_name=project, worker_count=workers,
                           amount_yuan=amount, location=location, phone=phone,
                           created_at=datetime(2026, 11, 1) + timedelta(days=day))


def test_names_are_compared_tolerantly():
    assert normalise_name("鸿运电子有限公司") == normalise_name("鸿運電子公司") == "鸿运电子"
    assert normalise_name("翠湖花园二期") == normalise_name("翠湖花园 2期")
    assert normalise_name("中建三局集团有限公司") == "中建三局"
    assert normalise_name(None) == ""


def test_same_employer_or_same_project_make_one_group_and_big_groups_are_collective():
    groups = group_leads([
        lead(1, "鸿运电子有限公司", workers=4, amount=30000),
        lead(2, "鸿運電子公司", workers=3, amount=20000),
        lead(3, "华建劳务", "翠湖花园二期", workers=2, amount=60000),
        lead(4, "老王", "翠湖花园2期", workers=1, amount=50000),  # same site, other name: same group
        lead(5, "鸿运电子", workers=2),
    ])
    assert groups[1] is groups[2] is groups[5] and groups[1].workers == 9 and not groups[1].collective
    assert groups[3] is groups[4] and groups[3].amount_yuan == 110000 and groups[3].collective
    assert groups[1] is not groups[3]


def test_a_nickname_groups_only_within_one_place_and_unknowns_never():
    groups = group_leads([lead(1, "老王", location="东莞长安"), lead(2, "老王", location="成都"),
                          lead(3, "不知道"), lead(4, "不知道")])
    assert groups[1] is not groups[2] and groups[3] is not groups[4]


def test_same_phone_same_employer_within_30_days_is_a_possible_duplicate():
    leads = [lead(1, "鸿运电子", phone="13800000000"), lead(2, "鸿运电子有限公司", phone="13800000000", day=10),
             lead(3, "鸿运电子", phone="13800000000", day=45), lead(4, "华建劳务", phone="13800000000", day=11)]
    assert possible_duplicates(leads) == {2: 1}
