import pytest

from bot.answers import pick_answer


@pytest.mark.parametrize("text,intent,response", [
    ("劳动仲裁要花钱吗", "ask_legal_info", "utter_legal_arbitration"),
    ("找律师要钱吗", "ask_legal_info", "utter_legal_aid"),
    ("打了白条有用吗", "ask_legal_info", "utter_legal_iou"),
    ("包工头跑了找谁要钱", "ask_legal_info", "utter_legal_who_pays"),
    ("去哪里投诉", "ask_legal_info", "utter_legal_complaint"),
    ("老板不给钱能报警吗", "ask_legal_info", "utter_legal_criminal"),
    ("两年前的工资还能要吗", "ask_legal_info", "utter_legal_time_limit"),
    ("怎么办", "ask_legal_info", "utter_legal_overview"),
    ("在工地摔伤了老板不管", "other_labor_issue", "utter_other_work_injury"),
    ("被无故辞退了", "other_labor_issue", "utter_other_dismissal"),
    ("公司不给交社保", "other_labor_issue", "utter_other_social_insurance"),
    ("宿舍太吵", "other_labor_issue", "utter_other_general"),
])
def test_pick_answer(text, intent, response, domain):
    assert pick_answer(text, intent) == response
    assert response in domain["responses"]
