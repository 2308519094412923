"""End to end: the real trained model, the real actions, real databases, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine import ModelMissing, latest_model

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.rasa

REPORT = [
    "你好",
    "包工头老王欠我们12个人两万八，在翠湖花园二期工地干了三个月",
    "东莞长安镇",
    "我叫张建国",
    "13812345678",
    "老板说再闹就不给了，马上过年要回老家",
    "不对,是三万",
    "对",
]


def bot(args, stdin=None, env_extra=None, tmp_path=None):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env_extra or {})}
    done = subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module", autouse=True)
def trained_model():
    try:
        latest_model(ROOT / "models")
    except ModelMissing:
        pytest.fail("no trained model: run `make train` first (make test does)")


def test_parse_prints_the_contract():
    out = json.loads(bot(["parse", "包工头老王欠我们12个人两万八"]))
    assert out["text"] == "包工头老王欠我们12个人两万八"
    assert out["intent"]["name"] == "report_arrears" and 0 < out["intent"]["confidence"] <= 1
    found = {e["entity"]: e["value"] for e in out["entities"]}
    assert found["amount"] == "两万八" and found["worker_count"] == "12" and "老王" in found["employer"]
    for entity in out["entities"]:
        assert out["text"][entity["start"]:entity["end"]] == entity["value"]
    assert out["fields"]["amount_yuan"] == 28000 and out["fields"]["worker_count"] == 12


def test_parse_jsonl_reads_one_text_per_line():
    lines = bot(["parse", "--jsonl"], stdin="2.8万\n贰万捌仟元\n\n😭😭😭\n" + "欠薪" * 2500 + "\n").splitlines()
    results = [json.loads(line) for line in lines]
    assert len(results) == 5
    assert results[0]["fields"]["amount_yuan"] == 28000 and results[1]["fields"]["amount_yuan"] == 28000


@pytest.mark.parametrize("db", ["sqlite", "postgres"])
def test_converse_files_a_correct_lead(db, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'leads.db'}" if db == "sqlite" else request.getfixturevalue("postgres_url")
    script = tmp_path / "conversation.json"
    script.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    out = json.loads(bot(["converse", str(script)], env_extra={"DATABASE_URL": url}))
    assert [turn["user"] for turn in out["turns"]] == REPORT
    lead = out["lead"]
    assert lead is not None, json.dumps(out["turns"], ensure_ascii=False, indent=1)
    assert lead["reference"].startswith("QX-") and lead["status"] == "new"
    assert lead["reference"] in " ".join(out["turns"][-1]["bot"])
    assert lead["employer_name"] == "老王" and lead["employer_type"] == "individual"
    assert lead["project_name"] == "翠湖花园二期" and lead["location"] == "东莞长安镇"
    assert lead["amount_yuan"] == 30000  # corrected at the summary
    assert lead["worker_count"] == 12 and lead["period_text"] == "三个月"
    assert lead["sector"] == "construction"
    assert lead["reporter_name"] == "张建国" and lead["phone"] == "13812345678"
    assert "回老家" in lead["description"] and "leaving_soon" in lead["urgency_flags"]
    assert lead["field_sources"]["worker_count"]["text"] == REPORT[1]
    # never asked again for what the first message gave
    asked = " ".join(" ".join(turn["bot"]) for turn in out["turns"])
    assert "是谁欠您的工钱" not in asked and "一共被欠了多少钱" not in asked


FACTORY = [
    "老板欠我工资不给",
    "仲裁要钱吗",          # a question mid-form is answered, then the form goes on
    "鸿运电子厂",
    "鸿运电子厂三车间",
    "深圳宝安区",
    "八千多",              # approximate: kept as a range, flagged for staff
    "就我一个",
    "今年5月到现在",
    "王秀英",
    "不想留",              # phone skipped: filed anyway, marked
    "没有了",
    "对",
]


def test_questions_mid_form_skipped_phone_and_ranges(tmp_path):
    script = tmp_path / "factory.json"
    script.write_text(json.dumps(FACTORY, ensure_ascii=False), encoding="utf-8")
    out = json.loads(bot(["converse", str(script)], env_extra={"DATABASE_URL": f"sqlite:///{tmp_path / 'l.db'}"}))
    turns = {turn["user"]: " ".join(turn["bot"]) for turn in out["turns"]}
    assert "仲裁不收费" in turns["仲裁要钱吗"] and "谁欠您的工钱" in turns["仲裁要钱吗"]
    lead = out["lead"]
    assert lead is not None, json.dumps(out["turns"], ensure_ascii=False, indent=1)
    assert lead["employer_name"] == "鸿运电子厂" and lead["employer_type"] == "company"
    assert (lead["amount_yuan"], lead["amount_yuan_high"], lead["amount_approximate"]) == (8000, 9000, True)
    assert lead["worker_count"] == 1 and lead["sector"] == "other"
    assert lead["phone"] is None and lead["phone_skipped"] is True
    assert {"amount_yuan", "phone"} <= set(lead["needs_check"])
    assert lead["description"] is None


def test_converse_stdio_survives_bad_input_and_files_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    messages = ["", "😭😭😭", "<script>alert(1)</script>'; DROP TABLE lead;--", "欠" * 5000, "取消"]
    lines = bot(["converse", "--stdio"], stdin="\n".join(messages) + "\n",
                env_extra={"DATABASE_URL": url}).splitlines()
    replies = [json.loads(line) for line in lines]
    assert len(replies) == len(messages)
    assert all(reply["lead"] is None and reply["bot"] for reply in replies)
    assert "没有收到文字内容" in replies[0]["bot"][0]


def test_cancel_mid_form_files_nothing(tmp_path):
    lines = bot(["converse", "--stdio"], stdin="老板欠我三个月工资\n不报了\n",
                env_extra={"DATABASE_URL": f"sqlite:///{tmp_path / 'l.db'}"}).splitlines()
    replies = [json.loads(line) for line in lines]
    assert "取消" in " ".join(replies[1]["bot"]) and replies[1]["lead"] is None


def test_missing_model_names_the_training_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bot", "parse", "你好"], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "RASA_MODELS_DIR": str(tmp_path)}, timeout=300)
    assert done.returncode == 2 and "make train" in done.stderr


def test_a_worker_writing_traditional_gets_traditional_replies(tmp_path):
    lines = bot(["converse", "--stdio"], stdin="你好\n老闆欠我們三個月工資\n13812345678\n",
                env_extra={"DATABASE_URL": f"sqlite:///{tmp_path / 'l.db'}"}).splitlines()
    replies = [" ".join(json.loads(line)["bot"]) for line in lines]
    assert "登记" in replies[0] and "登記" not in replies[0]  # Simplified until Traditional is seen
    assert "登記" in replies[1] and "登记" not in replies[1]
    assert "记" not in replies[2] and "说" not in replies[2]  # and it stays Traditional
