"""The conversation benchmark's simulated worker reads the bot's read-back as the bot writes it."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from bot.intake import lead_fields, render_summary

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("eval_conversations", ROOT / "scripts" / "eval_conversations.py")
assert _spec and _spec.loader
sim = importlib.util.module_from_spec(_spec)
sys.modules["eval_conversations"] = sim  # dataclasses look their module up
_spec.loader.exec_module(sim)

SLOTS = {"employer_name": "胖子刘 站点", "employer_type": "individual", "project_name": "未提供",
         "location": "郑州金水区", "amount_yuan": 8000, "amount_yuan_high": 9000, "amount_approximate": True,
         "worker_count": 3, "period_text": "6月到8月", "period_months": 3, "sector": "other",
         "reporter_name": "王丽", "phone": "未提供", "phone_skipped": True}
EXPECTED = {"employer_name": "胖子刘", "employer_type": "individual", "project_name": None, "location": "郑州金水区",
            "amount_yuan": 8000, "amount_yuan_high": 9000, "amount_approximate": True, "worker_count": 3,
            "period_months": 3, "period_text": "6月到8月", "sector": "other", "reporter_name": "王丽",
            "phone": None, "phone_skipped": True}


def test_the_read_back_is_read_as_the_lead_it_shows():
    shown = sim.read_summary([{"text": render_summary(lead_fields(SLOTS))}])
    assert shown == {"employer_name": "胖子刘 站点", "project_name": None, "location": "郑州金水区",
                     "amount_yuan": 8000, "amount_yuan_high": 9000, "worker_count": 3, "period_text": "6月到8月",
                     "period_months": 3, "sector": "other", "reporter_name": "王丽", "phone": None,
                     "phone_skipped": True}


def test_a_checking_worker_corrects_the_first_field_shown_wrong_then_confirms():
    worker = sim.Worker(id="t-1", style="terse", script="simplified", tags=[], facts={"period": {"text": "6到8月"}},
                        opening="老板欠钱", answers={}, expected=EXPECTED)
    talker = sim.SimulatedWorker(worker, random.Random(1))
    talker.summary = sim.read_summary([{"text": render_summary(lead_fields(SLOTS))}])
    fix = talker.fix()
    assert fix in ("老板不对，是胖子刘", "欠钱的是胖子刘，不是这个")
    talker.summary = {**talker.summary, "employer_name": "胖子刘"}
    assert talker.fix() is None  # all shown right: the worker says 对
