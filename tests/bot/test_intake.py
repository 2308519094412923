from datetime import date

from bot.intake import lead_fields, render_gaps, render_summary

SLOTS = {
    "employer_name": "老王", "employer_type": "individual", "project_name": "翠湖花园二期",
    "location": "东莞长安镇", "amount_yuan": 8000, "amount_yuan_high": 9000,
    "amount_approximate": True, "worker_count": 12, "period_text": "三个月", "period_months": 3,
    "period_start": "2026-09", "sector": "construction", "reporter_name": "张建国",
    "phone": "13812345678", "extra_info": "老板说再闹就打人", "needs_check": ["amount_yuan"],
}


def test_lead_fields_from_slots():
    fields = lead_fields(SLOTS, date(2026, 11, 26))
    assert fields["amount_yuan"] == 8000 and fields["amount_yuan_high"] == 9000
    assert fields["urgency_flags"] == ["threat_or_violence"]
    assert fields["acceptance_gaps"] == []
    assert fields["description"] == "老板说再闹就打人"


def test_unknown_and_skipped_answers_become_empty_fields():
    fields = lead_fields({**SLOTS, "amount_yuan": "不清楚", "phone": "未提供", "phone_skipped": True,
                          "extra_info": "无"}, date(2026, 11, 26))
    assert fields["amount_yuan"] is None and fields["phone"] is None and fields["phone_skipped"]
    assert fields["description"] is None


def test_summary_reads_numbers_back_in_digits():
    summary = render_summary(lead_fields(SLOTS, date(2026, 11, 26)))
    assert "约8000–9000元" in summary
    assert "12人" in summary and "工程建设领域" in summary and "（约3个月）" in summary


def test_gaps_text():
    assert render_gaps([]) is None
    assert "老板" in render_gaps(["欠薪的老板或公司的名字"])


def test_summary_shows_the_arithmetic():
    slots = {**SLOTS, "amount_yuan": 13500, "amount_yuan_high": None, "amount_approximate": False,
             "field_sources": {"amount_yuan": {"text": "每月4500,欠了三个月", "words": "4500",
                                               "arithmetic": "4500元/月 × 3个月 = 13500元"}}}
    assert "13500元（4500元/月 × 3个月 = 13500元）" in render_summary(lead_fields(slots, date(2026, 11, 26)))


def test_an_id_number_typed_anyway_is_masked():
    fields = lead_fields({**SLOTS, "extra_info": "我身份证11010519491231002X"}, date(2026, 11, 26))
    assert "11010519491231002X" not in fields["description"] and "110***********002X" in fields["description"]
