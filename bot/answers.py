"""Which answer a question gets: topic keywords -> response names in domain.yml."""

from __future__ import annotations

import re
from typing import Optional, Tuple

# Checked in order; the first topic whose words appear wins.
LEGAL_TOPICS: Tuple[Tuple[str, str], ...] = (
    ("utter_legal_criminal", r"(报警|公安|坐牢|犯罪|刑事|判刑|拒不支付|抓)"),
    ("utter_legal_iou", r"(欠条|白条|借条|结算单|对账单|打条)"),
    ("utter_legal_payment_order", r"(支付令)"),
    ("utter_legal_aid", r"(法律援助|法援|律师|法律扶助|免费.*帮|12348)"),
    ("utter_legal_arbitration", r"(仲裁|中裁)"),
    ("utter_legal_who_pays", r"(总包|甲方|开发商|建设单位|分包|转包|挂靠|找谁|谁来付|谁负责|跑路|跑了|包工头.*(跑|不见|联系不上))"),
    ("utter_legal_evidence", r"(证据|证明|合同|考勤|记工|聊天记录|录音|截图|打卡|准备什么)"),
    ("utter_legal_compensation", r"(赔偿|罚款|加付|利息)"),
    ("utter_legal_time_limit", r"(时效|多久|多长时间|几年|两年|一年|过期|还能要|还能讨|还来得及)"),
    ("utter_legal_complaint", r"(投诉|劳动局|人社|监察|举报|检举|12333|12345|平台|哪里反映|去哪)"),
    ("utter_legal_after_report", r"(登记.*(以后|之后|然后)|提交.*(以后|之后)|反映了.*会)"),
)
OTHER_TOPICS: Tuple[Tuple[str, str], ...] = (
    ("utter_other_work_injury", r"(工伤|受伤|摔|砸|骨折|职业病|尘肺|伤了)"),
    ("utter_other_dismissal", r"(辞退|开除|炒鱿鱼|解除|裁员|赶走|不让干了)"),
    ("utter_other_social_insurance", r"(社保|保险|医保|养老)"),
    ("utter_other_contract", r"(合同|两倍|双倍|二倍)"),
)


def pick_answer(text: Optional[str], intent: Optional[str]) -> str:
    """The response that answers this message best."""
    text = text or ""
    topics = OTHER_TOPICS + LEGAL_TOPICS if intent == "other_labor_issue" else LEGAL_TOPICS + OTHER_TOPICS
    for response, pattern in topics:
        if re.search(pattern, text):
            return response
    return "utter_other_general" if intent == "other_labor_issue" else "utter_legal_overview"
