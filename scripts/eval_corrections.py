"""Corrections at the read-back: does the field the worker names get the value they mean?

  .venv/bin/python scripts/eval_corrections.py [--show]

benchmarks/corrections/corrections.yml holds replies to the summary read-back, each correcting one
field, written by a helper who never saw the bot's code or data. For each reply a scripted worker
talks to the real bot (trained model and actions, `bot.engine`, scratch SQLite) until the first
read-back, giving the item's wrong value for its field and plain answers for the rest; then it sends
the reply. A reply is right when the named field now holds the expected value and no other field
changed. Names and places compare after Traditional→Simplified with spaces and punctuation removed;
"NONE" means the field is marked not given (a phone: skipped); a period is right when its month
count is; an amount [low, high] is a range.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import eval_conversations as sim  # noqa: E402  (the same question recogniser and scratch database)

CASES = ROOT / "benchmarks" / "corrections" / "corrections.yml"
# How the scripted worker answers each question before the read-back ({} takes the item's wrong value).
ANSWERS = {"employer_name": "刘建国", "project_name": "翠湖花园二期", "location": "东莞长安",
           "amount_yuan": "28000", "worker_count": "5个人", "period_text": "3月到7月", "sector": "是",
           "reporter_name": "张卫东", "phone": "13812345678", "extra_info": "没有了"}
COMPARED = ("employer_name", "project_name", "location", "amount_yuan", "amount_yuan_high", "worker_count",
            "period_text", "period_months", "sector", "reporter_name", "phone", "phone_skipped")


def _answer(field: str, shown: Any) -> str:
    if field == "amount_yuan":
        return f"{shown}块"
    if field == "worker_count":
        return f"{shown}个人"
    if field == "sector":
        return "是" if shown == "工程建设领域" else "不是"
    return str(shown)


def right(field: str, expected: Any, slots: Dict[str, Any]) -> bool:
    from bot.intake import NOT_GIVEN

    got = slots.get(field)
    if expected == "NONE":
        return got == NOT_GIVEN or (field == "phone" and slots.get("phone_skipped") is True)
    if field == "amount_yuan":
        low, high = (expected, None) if isinstance(expected, int) else expected
        return got == low and (slots.get("amount_yuan_high") or None) == high
    if field == "period_text":
        return slots.get("period_months") == expected["months"]
    if field in ("worker_count", "sector"):
        return got == expected
    return sim.norm(got) == sim.norm(expected)


def _same_field(field: str, name: str) -> bool:
    return name.startswith(field.split("_")[0]) or (field == "phone" and name == "phone_skipped") or (
        field == "period_text" and name == "period_months")


async def one(agent: Any, number: int, case: Dict[str, Any]) -> Tuple[bool, Dict[str, Any], Optional[str]]:
    """(right, slots changed by the reply, why not asked) for one item."""
    from bot.engine import reply

    sender = f"corr-{number}"
    answers = {**ANSWERS, case["field"]: _answer(case["field"], case["shown"][case["field"]])}
    text = "老板欠我工钱，我想登记一下"
    for _ in range(20):
        messages = await reply(agent, sender, text, channel="sim")
        asked = sim.recognise(messages)
        if asked == "summary":
            break
        text = answers.get(asked or "", "没有了")
    else:
        return False, {}, "no read-back"
    before = (await agent.tracker_store.retrieve(sender)).current_slot_values()
    await reply(agent, sender, case["text"], channel="sim")
    after = (await agent.tracker_store.retrieve(sender)).current_slot_values()
    changed = {name: after.get(name) for name in COMPARED if after.get(name) != before.get(name)}
    others_kept = all(_same_field(case["field"], name) for name in changed)
    return right(case["field"], case["expected"], after) and others_kept, changed, None


async def run(cases: List[Dict[str, Any]]) -> List[Tuple[Dict[str, Any], bool, Dict[str, Any], Optional[str]]]:
    from bot.engine import load_agent

    agent = load_agent()
    return [(case, *(await one(agent, number, case))) for number, case in enumerate(cases)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every reply not applied right")
    args = parser.parse_args()
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    sim.quiet_logs()
    with tempfile.TemporaryDirectory(prefix="eval-corrections-") as scratch:
        sim.use_scratch_database(Path(scratch))
        scored = asyncio.run(run(cases))
    fields = sorted({case["field"] for case in cases}, key=[c["field"] for c in cases].index)
    print(f"corrections applied right: {sum(ok for _, ok, *_ in scored)}/{len(scored)}")
    for field in fields:
        mine = [ok for case, ok, *_ in scored if case["field"] == field]
        print(f"  {field:14} {sum(mine)}/{len(mine)}")
    if args.show:
        for case, ok, changed, why in scored:
            if not ok:
                print(f"WRONG {case['field']}: {case['text']}  expected {case['expected']}  changed {why or changed}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.exit(main())
