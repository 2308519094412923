"""End-to-end conversation benchmark: simulated workers talk to the real bot, the FILED LEAD is scored.

  .venv/bin/python scripts/eval_conversations.py [--write PATH] [--show N] [--only NAME] [--seed N]

Staff act on the lead the bot files, so this scores leads, not single messages. Every worker of
benchmarks/conversations/workers.yml (written independently of the bot's training and test data)
has a conversation with the trained model and the real actions, in this process
(`bot.engine.load_agent()` once, then `bot.engine.reply()` per message), on a scratch SQLite
database in a temporary directory. The filed lead is read back with `bot.store.leads`.

How a simulated worker talks
  1. The worker sends `opening`.
  2. For every bot turn the simulator decides what the bot asks, from the question texts of
     domain.yml (utter_ask_*, the invalid_* re-asks), the summary read-back ("请核对一下您的信息",
     "以上信息对吗"), the "anything else?" question, the buttons, and as a last resort keywords in a
     message that ends with a question mark. Bot texts are read after Traditional→Simplified.
  3. The worker answers from its `answers` in its own voice (a list in `answers` gives the first
     answer and then the re-asks). Style twists: the first time a `twist.field` is asked, a
     question_back / out_of_order / two_at_once worker says `twist.say` instead. At the summary a
     corrects_a_field worker first says its `correction`. Then every worker checks the read-back
     as a careful worker would: the first field it shows wrong (employer, project, place, amount,
     count, months, sector, name, phone; judged by the scoring rules below, the employer's type is
     not shown) is corrected in plain words from the facts ("老板不对，是X", "人数不对，是5个人"),
     at most MAX_FIXES times; then the worker says "对". With --no-check the worker says "对" at
     once (the figure "at the first read-back" in the report is that lead, taken from the slots
     when the first read-back is shown, in the same run). At "anything else?"
     a closing such as "没有了". When the bot has asked nothing yet (greeting, legal answer), the
     worker tells its story once (`followup`, else "我想登记一下，老板欠我工钱"). When the simulator
     cannot tell what is asked, the worker answers like a confused worker ("啥意思？"), which is
     counted. Phrase choices come from a random generator seeded with --seed and the worker's id,
     so a run, or one worker with --only, is reproducible.
  4. The conversation ends when a lead is filed, or after 30 worker messages (no lead = failure).

How a filed lead is scored (only leads filed count in the per-field figures)
  Text is normalised before comparing: Traditional→Simplified (OpenCC t2s), then spaces and
  punctuation removed.
  - employer_name: equal after normalisation, with a role word at either end dropped (包工头老周 =
    老周, 孙老板 = 孙老板) and a trailing 有限公司/公司 dropped; also right when one side has, in
    addition, a leading piece of the worker's place (佛山华辉建筑 = 华辉建筑 for a worker in 佛山顺德).
    employer_type: equal (a named factory, shop, restaurant or firm is a company; a person or a
    household is an individual).
  - project_name: the same comparison, with a trailing 项目/工地/小区/工程 dropped instead of the
    company suffix. The lead has no "not given" flag: a worker without a project has the words
    they said stored. So when the expected project is none (factories, shops, homes, farms), the
    filing is right when it is empty, a bare "no" (没有, 无, 冇, 没有项目 ...) or the employer's own
    name; a sentence such as "没有什么项目，就是在餐厅" filed as the project is wrong (the report
    counts these separately).
  - location: right when the expected place is contained in the filed one or the filed one in the
    expected one, after normalisation with 省/市 removed (东莞长安镇 = 广东省东莞市长安镇); an empty
    filing is wrong.
  - amount: amount_yuan equal to the expected figure and no other high end; for an expected range
    ([low, high], e.g. 八千多 = [8000, 9000]) amount_yuan = low and amount_yuan_high = high. The
    approximate flag is shown but not scored.
  - worker_count, sector: equal.
  - period: when the expected months are known, period_months equal (both months of "X月到Y月"
    count); otherwise the filed period_text contains the expected text.
  - reporter_name: equal after normalisation (none expected: right when the lead has none).
  - phone: the same digits (landlines keep their area code); when the worker refused, right when
    no phone is filed and phone_skipped is true.
  A lead is "all right" when every one of these fields is right.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

ROOT = Path(__file__).resolve().parent.parent
WORKERS_FILE = ROOT / "benchmarks" / "conversations" / "workers.yml"
MAX_WORKER_TURNS = 30
# Every worker answers these when asked; sector and extra_info have defaults (是/不是, 没有了 ...).
REQUIRED_ANSWERS = ("employer_name", "project_name", "location", "amount_yuan", "worker_count",
                    "period_text", "reporter_name", "phone")
SCORED_FIELDS = ("employer_name", "employer_type", "project_name", "location", "amount",
                 "worker_count", "period", "sector", "reporter_name", "phone")

# What the bot is asking, recognised from its own wording (domain.yml responses and the
# summary read-back), first match wins. Texts are compared after Traditional→Simplified.
QUESTION_PHRASES: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("summary", ("以上信息对吗", "请核对一下您的信息")),
    ("which_field", ("哪一项需要改",)),
    ("large_amount", ("金额超过一百万",)),
    ("extra_info", ("还有别的情况要补充",)),
    ("phone", ("联系到您的手机号", "号码好像不对")),
    ("reporter_name", ("您怎么称呼", "您的姓名")),
    ("sector", ("这类工程上干活",)),
    ("period_text", ("哪段时间的工钱",)),
    ("worker_count", ("几个人被欠工钱", "没看懂人数")),
    ("amount_yuan", ("被欠了多少钱", "没看懂金额")),
    ("location", ("干活的地方在哪",)),
    ("project_name", ("哪个项目", "工地或者单位")),
    ("employer_name", ("是谁欠您的工钱", "是哪家公司（厂、店）的", "全名叫什么", "的全称知道吗")),
    ("repeat", ("麻烦再说一次",)),
    ("invite", ("直接说说情况", "直接说被欠工资的情况", "想反映欠薪的话")),
)
# Last resort for a question worded differently: keywords in a message ending with a question mark.
QUESTION_KEYWORDS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("phone", ("电话", "手机", "号码")),
    ("reporter_name", ("称呼", "姓名", "您叫")),
    ("amount_yuan", ("金额", "多少钱")),
    ("worker_count", ("人数", "几个人")),
    ("period_text", ("时间", "几个月")),
    ("location", ("地方", "地点", "哪里")),
    ("project_name", ("项目", "工地")),
    ("employer_name", ("老板", "公司", "欠您")),
    ("sector", ("工程",)),
)
# What the buttons offer, when the text alone says nothing.
BUTTON_KINDS = {"跳过": "phone", "是": "sector", "不是": "sector", "对": "summary"}

CONFIRMS = ("对", "对的", "没错", "对，提交吧")
# What a worker who checks the read-back says about the first field it shows wrong ({value}: the fact).
FIXES: Dict[str, Tuple[str, ...]] = {
    "employer_name": ("老板不对，是{value}", "欠钱的是{value}，不是这个"),
    "project_name": ("项目不对，是{value}", "工地名字错了，叫{value}"),
    "no_project": ("没有项目", "项目没有"),
    "location": ("地点不对，在{value}", "干活的地方错了，是{value}"),
    "amount": ("钱数不对，是{value}", "欠的钱不对，应该是{value}"),
    "worker_count": ("人数不对，是{value}个人", "人数错了，一共{value}个"),
    "period": ("时间不对，是{value}", "干活的时间错了，是{value}"),
    "sector": ("行业不对，{value}",),
    "reporter_name": ("我的名字不对，我叫{value}", "名字错了，是{value}"),
    "no_reporter_name": ("名字我不想留",),
    "phone": ("电话不对，是{value}", "手机号错了，是{value}"),
    "no_phone": ("电话我不留",),
}
MAX_FIXES = 3  # then the worker gives up and confirms what is shown
CLOSINGS = ("没有了", "就这些", "嗯 没别的了 提交吧")
CONFUSED = ("啥意思？", "你说的啥，我没看懂", "什么意思啊？")
DEFAULT_FOLLOWUP = "我想登记一下，老板欠我工钱"
LARGE_AMOUNT_REPLY = "没错，就是这么多"

ROLE_WORDS = ("包工头", "工头", "判头", "老板娘", "老板", "班组长", "班长", "雇主", "总包")
NO_PROJECT_WORDS = {"没有", "没", "无", "冇", "没啥", "莫得", "暂无", "不适用", "没有项目", "无项目",
                    "没项目", "冇项目"}


# ---------------------------------------------------------------- text helpers

_t2s: Any = None
_s2t: Any = None


def simplified(text: str) -> str:
    global _t2s
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return _t2s.convert(text)


def traditional(text: str) -> str:
    global _s2t
    if _s2t is None:
        import opencc

        _s2t = opencc.OpenCC("s2t")
    return _s2t.convert(text)


def norm(value: Any) -> str:
    """Simplified characters, no spaces or punctuation."""
    if value is None:
        return ""
    return re.sub(r"[\W_]+", "", simplified(str(value)))


def digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def unfold(text: str) -> str:
    """YAML folds long openings with a space at each line break; a worker types none after ，。"""
    return re.sub(r"(?<=[，。、；：！？）])\s+", "", text.strip())


# ---------------------------------------------------------------- workers

@dataclass
class Worker:
    id: str
    style: str
    script: str
    tags: List[str]
    facts: Dict[str, Any]
    opening: str
    answers: Dict[str, List[str]]
    expected: Dict[str, Any]
    followup: Optional[str] = None
    twist_fields: Tuple[str, ...] = ()
    twist_say: Optional[str] = None
    correction: Optional[str] = None


def load_workers(path: Path) -> List[Worker]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    workers = []
    for raw in data["workers"]:
        answers = {name: [unfold(str(a)) for a in (value if isinstance(value, list) else [value])]
                   for name, value in raw["answers"].items()}
        missing = [name for name in REQUIRED_ANSWERS if name not in answers]
        if missing:
            raise ValueError(f"worker {raw['id']}: no answer for {', '.join(missing)}")
        twist = raw.get("twist") or {}
        twist_fields = twist.get("field") or ()
        workers.append(Worker(
            id=raw["id"], style=raw["style"], script=raw.get("script", "simplified"),
            tags=list(raw.get("tags") or []), facts=raw["facts"], opening=unfold(raw["opening"]),
            answers=answers, expected=raw["expected"], followup=raw.get("followup"),
            twist_fields=(twist_fields,) if isinstance(twist_fields, str) else tuple(twist_fields),
            twist_say=twist.get("say"), correction=raw.get("correction")))
    return workers


# ---------------------------------------------------------------- what the bot asks

def recognise(messages: Sequence[Dict[str, Any]]) -> Optional[str]:
    """The kind of the last thing the bot asks in one turn: a form field, summary, ... or None."""
    for message in reversed(messages):
        text = simplified(message.get("text") or "")
        for kind, phrases in QUESTION_PHRASES:
            if any(phrase in text for phrase in phrases):
                return kind
        titles = [simplified(str(b.get("title", ""))) for b in message.get("buttons") or []]
        for title in titles:
            if title in BUTTON_KINDS:
                return BUTTON_KINDS[title]
        if text.rstrip().endswith(("？", "?")):
            for kind, words in QUESTION_KEYWORDS:
                if any(word in text for word in words):
                    return kind
    return None


# The scored fields a read-back shows, in its order (employer_type is not shown).
SUMMARY_ORDER = ("employer_name", "project_name", "location", "amount", "worker_count", "period", "sector",
                 "reporter_name", "phone")


def read_summary(messages: Sequence[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The lead as a read-back message of this turn shows it, in the lead's field names; None if none."""
    from bot.fields import FIELD_LABELS, SECTOR_LABELS
    from bot.intake import NOT_GIVEN, UNKNOWN

    text = next((simplified(m.get("text") or "") for m in messages
                 if simplified(m.get("text") or "").startswith("请核对一下您的信息")), None)
    if text is None:
        return None
    by_label = {label: name for name, label in FIELD_LABELS.items()}
    shown_values: Dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"^·\s*(.+?)：(.*)$", line)
        if match and match.group(1) in by_label:
            value = match.group(2).strip()
            shown_values[by_label[match.group(1)]] = "" if value in (UNKNOWN, NOT_GIVEN) else value
    amount = [int(n) for n in re.findall(r"\d+", re.sub(r"（.*$", "", shown_values.get("amount_yuan", ""))
                                         .replace(",", ""))]
    count = re.findall(r"\d+", shown_values.get("worker_count", ""))
    period = shown_values.get("period_text", "")
    months = re.search(r"（约(\d+)个月）$", period)
    phone = shown_values.get("phone", "")
    return {
        "employer_name": shown_values.get("employer_name") or None,
        "project_name": shown_values.get("project_name") or None,
        "location": shown_values.get("location") or None,
        "amount_yuan": amount[0] if amount else None,
        "amount_yuan_high": amount[1] if len(amount) > 1 else None,
        "worker_count": int(count[0]) if count else None,
        "period_text": period[: months.start()] if months else period,
        "period_months": int(months.group(1)) if months else None,
        "sector": next((k for k, v in SECTOR_LABELS.items() if v == shown_values.get("sector")), None),
        "reporter_name": shown_values.get("reporter_name") or None,
        "phone": None if phone == "不留" else phone or None,
        "phone_skipped": phone == "不留",
    }


# ---------------------------------------------------------------- the simulated worker

class SimulatedWorker:
    """Answers the bot from one worker's facts, in that worker's voice and style."""

    def __init__(self, worker: Worker, rng: random.Random) -> None:
        self.worker = worker
        self.rng = rng
        self.times_answered: Dict[str, int] = {}
        self.twist_done = False
        self.correction_done = False
        self.followup_done = False
        self.last_text = worker.opening
        self.confused = 0
        self.check_summary = True
        self.summary: Optional[Dict[str, Any]] = None  # the lead as the latest read-back shows it
        self.fixes = 0

    def voice(self, text: str) -> str:
        return traditional(text) if self.worker.script == "traditional" else text

    def pick(self, choices: Sequence[str]) -> str:
        return self.voice(self.rng.choice(list(choices)))

    def respond(self, asked: Optional[str]) -> str:
        text = self._respond(asked)
        self.last_text = text
        return text

    def _respond(self, asked: Optional[str]) -> str:
        worker = self.worker
        if asked in (None, "invite"):
            if not self.followup_done:
                self.followup_done = True
                return worker.followup or self.voice(DEFAULT_FOLLOWUP)
            self.confused += 1
            return self.pick(CONFUSED)
        if asked == "repeat":
            return self.last_text
        if asked == "summary":
            if worker.correction and not self.correction_done:
                self.correction_done = True
                return worker.correction
            return self.fix() or self.pick(CONFIRMS)
        if asked == "which_field":
            fix = self.fix()
            if fix:
                return fix
            if worker.correction:
                return re.sub(r"^(不对|不對|不是)[，,\s]*", "", worker.correction)
            return self.pick(CONFIRMS)
        if asked == "large_amount":
            return self.voice(LARGE_AMOUNT_REPLY)
        if asked in worker.twist_fields and not self.twist_done and worker.twist_say:
            self.twist_done = True
            return worker.twist_say
        if asked == "extra_info" and "extra_info" not in worker.answers:
            return self.pick(CLOSINGS)
        if asked == "sector" and "sector" not in worker.answers:
            return self.voice("是" if worker.facts["sector"] == "construction" else "不是")
        return self.answer(asked)

    @property
    def at_confirm_point(self) -> bool:
        """Where a worker who does not check the read-back would say 对."""
        return not (self.worker.correction and not self.correction_done)

    def fix(self) -> Optional[str]:
        """The correction of the first field the read-back shows wrong, or None (all right, no read-back
        seen, not checking, or MAX_FIXES already said)."""
        if not self.check_summary or self.summary is None or self.fixes >= MAX_FIXES:
            return None
        facts, expected = self.worker.facts, self.worker.expected
        scores = score_lead(expected, self.summary)
        if self.summary["period_months"] is None and norm(expected["period_text"]) in norm(self.summary["period_text"]):
            scores["period"] = True  # the worker's own words shown back, with no count of months to check
        for name in SUMMARY_ORDER:
            if scores[name]:
                continue
            key, value = name, None
            if name == "employer_name":
                value = expected["employer_name"]
            elif name == "project_name":
                key, value = ("project_name", expected["project_name"]) if expected["project_name"] else (
                    "no_project", None)
            elif name == "location":
                value = expected["location"]
            elif name == "amount":
                low, high = expected["amount_yuan"], expected["amount_yuan_high"]
                value = f"{low}到{high}块" if high else f"{low}块"
            elif name == "worker_count":
                value = expected["worker_count"]
            elif name == "period":
                value = (facts.get("period") or {}).get("text") or expected["period_text"]
            elif name == "sector":
                value = "是工地上的活" if expected["sector"] == "construction" else "不是工地上的活"
            elif name == "reporter_name":
                key, value = ("reporter_name", expected["reporter_name"]) if expected["reporter_name"] else (
                    "no_reporter_name", None)
            elif name == "phone":
                key, value = ("phone", expected["phone"]) if expected["phone"] else ("no_phone", None)
            self.fixes += 1
            return self.voice(self.rng.choice(FIXES[key]).format(value=value))
        return None

    def answer(self, name: str) -> str:
        choices = self.worker.answers[name]
        times = self.times_answered.get(name, 0)
        self.times_answered[name] = times + 1
        return choices[min(times, len(choices) - 1)]


# ---------------------------------------------------------------- one conversation

@dataclass
class Turn:
    worker: str
    bot: List[str]
    asked: Optional[str]
    latency_ms: float
    shown: Optional[Dict[str, Any]] = None  # the lead as a read-back in this turn shows it


@dataclass
class Conversation:
    worker: Worker
    turns: List[Turn] = field(default_factory=list)
    lead: Optional[Dict[str, Any]] = None
    confused: int = 0
    twist_done: bool = False
    scores: Dict[str, bool] = field(default_factory=dict)
    # the lead as it would have been filed had the worker confirmed the first read-back unchecked
    first_scores: Dict[str, bool] = field(default_factory=dict)
    fixes: int = 0

    @property
    def first_right(self) -> bool:
        return bool(self.first_scores) and all(self.first_scores.values())

    @property
    def wrong(self) -> List[str]:
        return [name for name, right in self.scores.items() if not right]

    @property
    def all_right(self) -> bool:
        return self.lead is not None and not self.wrong

    def longest_repeat(self) -> Tuple[int, Optional[str]]:
        """The longest run of the same question asked in consecutive bot turns (a read-back shown again
        after a correction changed it is a new question)."""
        best, best_kind, run, previous = 0, None, 0, None
        for turn in self.turns:
            key = (turn.asked, str(turn.shown)) if turn.asked == "summary" else turn.asked
            run = run + 1 if turn.asked is not None and key == previous else 1
            previous = key
            if turn.asked is not None and run > best:
                best, best_kind = run, turn.asked
        return best, best_kind


def filed_lead(sender_id: str) -> Optional[Dict[str, Any]]:
    from bot.store.leads import lead_as_dict, leads_for_sender
    from bot.store.session import open_session

    with open_session() as session:
        leads = leads_for_sender(session, sender_id, limit=1)
        return lead_as_dict(leads[0]) if leads else None


async def unchecked_lead(agent: Any, sender_id: str, said: List[str]) -> Dict[str, Any]:
    """The lead the filing action would build from the slots now."""
    from bot.intake import lead_fields

    tracker = await agent.tracker_store.retrieve(sender_id)
    return lead_fields(tracker.current_slot_values(), said=said)


async def converse(agent: Any, worker: Worker, seed: int, check_summary: bool = True) -> Conversation:
    from bot.engine import reply

    sender_id = f"sim-{worker.id}"
    sim = SimulatedWorker(worker, random.Random(f"{seed}:{worker.id}"))
    sim.check_summary = check_summary
    conversation = Conversation(worker)
    text = worker.opening
    for _ in range(MAX_WORKER_TURNS):
        started = time.perf_counter()
        messages = await reply(agent, sender_id, text, channel="sim")
        latency_ms = (time.perf_counter() - started) * 1000
        asked = recognise(messages)
        conversation.turns.append(Turn(text, [m["text"] for m in messages if m.get("text")], asked, latency_ms,
                                       read_summary(messages)))
        conversation.lead = filed_lead(sender_id)
        if conversation.lead is not None:
            break
        sim.summary = conversation.turns[-1].shown or sim.summary
        if asked == "summary" and sim.at_confirm_point and not conversation.first_scores:
            said = [turn.worker for turn in conversation.turns]
            conversation.first_scores = score_lead(worker.expected, await unchecked_lead(agent, sender_id, said))
        text = sim.respond(asked)
    conversation.confused = sim.confused
    conversation.twist_done = sim.twist_done or sim.correction_done
    conversation.fixes = sim.fixes
    if conversation.lead is not None:
        conversation.scores = score_lead(worker.expected, conversation.lead)
    return conversation


# ---------------------------------------------------------------- scoring

def _strip_roles(name: str) -> str:
    """包工头老周 → 老周, 刘长海包工头 → 刘长海 (the same on both sides, so 孙老板 = 孙老板)."""
    for word in ROLE_WORDS:
        if name.startswith(word) and len(name) > len(word):
            name = name[len(word):]
        if name.endswith(word) and len(name) > len(word):
            name = name[: -len(word)]
    return name


def _drop_suffix(name: str, pattern: str) -> str:
    return re.sub(pattern, "", name) or name


def _place(value: Any) -> str:
    return re.sub("[省市]", "", norm(value))


def same_name(want: str, got: str, place: str) -> bool:
    """Equal, or equal but for a leading piece of the worker's place on one side."""
    if not want or not got:
        return False
    if want == got:
        return True
    longer, shorter = (got, want) if len(got) > len(want) else (want, got)
    return longer.endswith(shorter) and longer[: -len(shorter)] in place


def employer_key(value: Any) -> str:
    return _drop_suffix(_strip_roles(norm(value)), "(有限责任公司|有限公司|公司)$")


def project_key(value: Any) -> str:
    return _drop_suffix(norm(value), "(项目|工地|小区|工程)+$")


def employer_right(expected: Dict[str, Any], lead: Dict[str, Any]) -> bool:
    return same_name(employer_key(expected["employer_name"]), employer_key(lead.get("employer_name")),
                     _place(expected["location"]))


def says_no_project(lead: Dict[str, Any]) -> bool:
    """A bare "no project" (没有, 冇, 没有项目 ...), as the lead stores the worker's words."""
    value = norm(lead.get("project_name"))
    return not value or value in NO_PROJECT_WORDS or project_key(value) in NO_PROJECT_WORDS


def project_right(expected: Dict[str, Any], lead: Dict[str, Any]) -> bool:
    if expected["project_name"] is None:
        return says_no_project(lead) or employer_key(lead.get("project_name")) == employer_key(
            lead.get("employer_name"))
    return same_name(project_key(expected["project_name"]), project_key(lead.get("project_name")),
                     _place(expected["location"]))


def location_right(expected: Dict[str, Any], lead: Dict[str, Any]) -> bool:
    want, got = _place(expected["location"]), _place(lead.get("location"))
    return bool(want) and bool(got) and (want in got or got in want)


def amount_right(expected: Dict[str, Any], lead: Dict[str, Any]) -> bool:
    low, high = lead.get("amount_yuan"), lead.get("amount_yuan_high")
    if high == low:
        high = None
    return low == expected["amount_yuan"] and high == expected["amount_yuan_high"]


def period_right(expected: Dict[str, Any], lead: Dict[str, Any]) -> bool:
    if expected["period_months"] is not None:
        return lead.get("period_months") == expected["period_months"]
    want = norm(expected["period_text"])
    return bool(want) and want in norm(lead.get("period_text"))


def phone_right(expected: Dict[str, Any], lead: Dict[str, Any]) -> bool:
    if expected["phone"] is None:
        return not digits(lead.get("phone")) and bool(lead.get("phone_skipped"))
    return digits(lead.get("phone")) == digits(expected["phone"])


def score_lead(expected: Dict[str, Any], lead: Dict[str, Any]) -> Dict[str, bool]:
    return {
        "employer_name": employer_right(expected, lead),
        "employer_type": lead.get("employer_type") == expected["employer_type"],
        "project_name": project_right(expected, lead),
        "location": location_right(expected, lead),
        "amount": amount_right(expected, lead),
        "worker_count": lead.get("worker_count") == expected["worker_count"],
        "period": period_right(expected, lead),
        "sector": lead.get("sector") == expected["sector"],
        # a worker who would not give a name: right when the lead has none (a clerk never invents one)
        "reporter_name": norm(lead.get("reporter_name")) == norm(expected["reporter_name"])
        if expected["reporter_name"] else not norm(lead.get("reporter_name")),
        "phone": phone_right(expected, lead),
    }


def shown(name: str, values: Dict[str, Any]) -> str:
    """One scored field of a lead (or of the expected lead) as text, for the error listing."""
    if name == "amount":
        high = values.get("amount_yuan_high")
        approx = " ~" if values.get("amount_approximate") else ""
        return f"{values.get('amount_yuan')}" + (f"-{high}" if high else "") + approx
    if name == "period":
        return f"{values.get('period_text')!r} / {values.get('period_months')} months"
    if name == "phone":
        return f"{values.get('phone')}" + (" (skipped)" if values.get("phone_skipped") else "")
    return repr(values.get(name))


# ---------------------------------------------------------------- report

def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def report(conversations: List[Conversation], seed: int, seconds: float, command: str, model: str) -> str:
    filed = [c for c in conversations if c.lead is not None]
    all_right = [c for c in filed if c.all_right]
    latencies = [t.latency_ms for c in conversations for t in c.turns]
    turns = [len(c.turns) for c in conversations]
    repeat, repeat_kind, repeat_worker = 0, None, None
    for c in conversations:
        length, kind = c.longest_repeat()
        if length > repeat:
            repeat, repeat_kind, repeat_worker = length, kind, c.worker.id
    lines = [
        "# Conversation benchmark: simulated workers, filed leads",
        "",
        f"`{command}` — seed {seed}, model `{model}`, "
        f"{seconds:.0f} s in all. Scoring rules: the docstring of `scripts/eval_conversations.py`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| workers simulated | {len(conversations)} |",
        f"| leads filed | {share(len(filed), len(conversations))} |",
        f"| leads with every field right, as filed | {share(len(all_right), len(filed))} of filed "
        f"({100 * len(all_right) / max(1, len(conversations)):.1f}% of workers) |",
        f"| leads with every field right at the first read-back (had the worker confirmed it unchecked) | "
        f"{share(sum(c.first_right for c in conversations), len(conversations))} of workers |",
        f"| corrections of the read-back said by workers who check it | {sum(c.fixes for c in conversations)} in "
        f"{sum(1 for c in conversations if c.fixes)} conversations |",
        f"| mean worker turns | {sum(turns) / max(1, len(turns)):.1f} (max {max(turns, default=0)}) |",
        f"| confused replies (\"啥意思？\") | {sum(c.confused for c in conversations)} in "
        f"{sum(1 for c in conversations if c.confused)} conversations |",
        f"| longest run of the same question | {repeat} × {repeat_kind} ({repeat_worker}) |",
        f"| turn latency | p50 {percentile(latencies, 0.50):.0f} ms, p99 {percentile(latencies, 0.99):.0f} ms "
        f"over {len(latencies)} turns |",
        "",
        "## Per field",
        "",
        "| field | right as filed | right at the first read-back (over workers who saw one) |",
        "|---|---|---|",
    ]
    first = [c for c in conversations if c.first_scores]
    for name in SCORED_FIELDS:
        lines.append(f"| {name} | {share(sum(c.scores[name] for c in filed), len(filed))} | "
                     f"{share(sum(c.first_scores[name] for c in first), len(first))} |")
    lines += ["", "## Per style", "",
              "| style | workers | filed | all right | mean turns | confused | twist or correction used |",
              "|---|---|---|---|---|---|---|"]
    styles = sorted({c.worker.style for c in conversations}, key=[c.worker.style for c in conversations].index)
    for style in styles:
        group = [c for c in conversations if c.worker.style == style]
        lines.append(_group_row(style, group, twist=style in (
            "question_back", "out_of_order", "two_at_once", "corrects_a_field")))
    lines += ["", "## Per group", "",
              "| group | workers | filed | all right | the field that matters most |",
              "|---|---|---|---|---|"]
    groups = [("Traditional script", lambda c: c.worker.script == "traditional", "employer_name"),
              ("construction", lambda c: c.worker.facts["sector"] == "construction", "project_name"),
              ("other sectors", lambda c: c.worker.facts["sector"] != "construction", "project_name"),
              ("hard_amount", lambda c: "hard_amount" in c.worker.tags, "amount"),
              ("third_party", lambda c: "third_party" in c.worker.tags, "phone"),
              ("no_project", lambda c: "no_project" in c.worker.tags, "project_name")]
    for label, member, key in groups:
        group = [c for c in conversations if member(c)]
        group_filed = [c for c in group if c.lead is not None]
        lines.append(f"| {label} | {len(group)} | {len(group_filed)} | "
                     f"{sum(c.all_right for c in group_filed)} | {key}: "
                     f"{share(sum(c.scores[key] for c in group_filed), len(group_filed))} |")
    lines += ["", "## What goes wrong most (over leads filed)", "", *diagnostics(filed)]
    lines += ["", "## Conversations with a wrong or missing lead", "", "| worker | style | wrong fields |",
              "|---|---|---|"]
    for c in sorted(conversations, key=badness, reverse=True):
        if not c.all_right:
            lines.append(f"| {c.worker.id} | {c.worker.style} | "
                         f"{'no lead filed' if c.lead is None else ', '.join(c.wrong)} |")
    return "\n".join(lines) + "\n"


def diagnostics(filed: List[Conversation]) -> List[str]:
    """Counts that explain the commonest wrong fields."""
    def third_party_phone(c: Conversation) -> bool:
        other = (c.worker.facts.get("third_party") or {}).get("phone")
        return bool(other) and digits(other) == digits(c.lead.get("phone"))

    def other_person_as_worker(c: Conversation) -> bool:
        others = {employer_key(c.worker.expected["employer_name"]),
                  employer_key((c.worker.facts.get("third_party") or {}).get("name"))}
        return employer_key(c.lead.get("reporter_name")) in others - {""}

    def months_only(c: Conversation) -> bool:
        want = norm(c.worker.expected["period_text"])
        return not c.scores["period"] and bool(want) and want in norm(c.lead.get("period_text"))

    def no_project_sentence(c: Conversation) -> bool:
        value = norm(c.lead.get("project_name"))
        return (c.worker.expected["project_name"] is None and not c.scores["project_name"]
                and value.startswith(("没有", "没", "无", "冇", "莫得", "啥项目")))

    empty = [c for c in filed if any(c.lead.get(name) is None for name in
                                     ("employer_name", "location", "amount_yuan", "worker_count", "period_text"))]
    counts = [
        ("leads whose phone is a boss's or gang leader's number the worker mentioned", third_party_phone),
        ("leads whose reporter name is the employer's or a third party's name", other_person_as_worker),
        ("wrong periods whose text is right (the month count is missing or differs)", months_only),
        ("no-project leads with the worker's sentence as the project (\"没有,在饭店后厨洗碗\")",
         no_project_sentence),
    ]
    lines = [f"- {label}: {sum(1 for c in filed if test(c))}" for label, test in counts]
    lines.append(f"- leads filed with employer, place, amount, count or period empty: {len(empty)}"
                 + (f" ({', '.join(c.worker.id for c in empty)})" if empty else ""))
    return lines


def _group_row(label: str, group: List[Conversation], twist: bool) -> str:
    filed = [c for c in group if c.lead is not None]
    turns = sum(len(c.turns) for c in group) / max(1, len(group))
    used = f"{sum(c.twist_done for c in group)}/{len(group)}" if twist else "—"
    return (f"| {label} | {len(group)} | {len(filed)} | {sum(c.all_right for c in filed)} | {turns:.1f} | "
            f"{sum(c.confused for c in group)} | {used} |")


def badness(conversation: Conversation) -> Tuple[int, int, int]:
    return (conversation.lead is None, len(conversation.wrong), len(conversation.turns))


def transcript(conversation: Conversation) -> str:
    worker = conversation.worker
    out = [f"=== {worker.id} ({worker.style}, {worker.script}, tags: {', '.join(worker.tags) or '-'})"]
    for turn in conversation.turns:
        out.append(f"  worker: {turn.worker}")
        for text in turn.bot:
            out.append("  bot:    " + text.replace("\n", "\n          "))
        out.append(f"          [asked: {turn.asked}, {turn.latency_ms:.0f} ms]")
    if conversation.lead is None:
        out.append(f"  NO LEAD after {len(conversation.turns)} worker turns")
        return "\n".join(out)
    first_wrong = [name for name, right in conversation.first_scores.items() if not right]
    out.append(f"  wrong at the first read-back: {', '.join(first_wrong) or '-'}")
    out.append("  lead vs expected:")
    for name in SCORED_FIELDS:
        mark = "ok   " if conversation.scores[name] else "WRONG"
        out.append(f"    {mark} {name:14} filed {shown(name, conversation.lead)}   "
                   f"expected {shown(name, worker.expected)}")
    return "\n".join(out)


# ---------------------------------------------------------------- main

def quiet_logs() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for name in ("rasa", "tensorflow", "absl", "jieba", "sanic", "apscheduler", "bot", "nlu"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import jieba
    from rasa.utils.log_utils import configure_structlog

    jieba.setLogLevel(logging.ERROR)
    configure_structlog(logging.WARNING)


def use_scratch_database(directory: Path) -> None:
    """Point the bot at a fresh SQLite database and spool before any bot module reads settings."""
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'leads.db'}"
    os.environ["SPOOL_DIR"] = str(directory / "spool")
    os.environ["EVIDENCE_DIR"] = str(directory / "evidence")
    from bot.settings import get_settings

    get_settings.cache_clear()


async def run(workers: List[Worker], seed: int, check_summary: bool) -> Tuple[List[Conversation], str]:
    from bot.engine import latest_model, load_agent

    model = latest_model()
    agent = load_agent(model)
    conversations = []
    for number, worker in enumerate(workers, 1):
        conversation = await converse(agent, worker, seed, check_summary)
        conversations.append(conversation)
        status = "no lead" if conversation.lead is None else (
            "all right" if conversation.all_right else "wrong: " + ", ".join(conversation.wrong))
        print(f"[{number}/{len(workers)}] {worker.id}: {len(conversation.turns)} turns, {status}",
              file=sys.stderr, flush=True)
    return conversations, model.name


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=Path, default=WORKERS_FILE, help="the workers file")
    parser.add_argument("--write", type=Path, help="also write the Markdown report here")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print the N worst conversations in full")
    parser.add_argument("--only", metavar="NAME", help="run only these workers (ids or names, comma-separated)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the workers' phrase choices")
    parser.add_argument("--no-check", action="store_true",
                        help="workers confirm the read-back without checking it (say only a scripted correction)")
    args = parser.parse_args(argv)

    workers = load_workers(args.workers)
    if args.only:
        wanted = set(args.only.split(","))
        workers = [w for w in workers if wanted & {w.id, w.facts.get("name")}]
        if not workers:
            parser.error(f"no worker {args.only!r}")
    quiet_logs()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eval-conversations-") as scratch:
        use_scratch_database(Path(scratch))
        conversations, model = asyncio.run(run(workers, args.seed, not args.no_check))
    command = "python " + " ".join(["scripts/eval_conversations.py", *(argv if argv is not None else sys.argv[1:])])
    text = report(conversations, args.seed, time.perf_counter() - started, command, model)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    worst = sorted(conversations, key=badness, reverse=True)[: args.show]
    for conversation in worst:
        print(transcript(conversation) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
