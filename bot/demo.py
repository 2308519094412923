"""`make demo`: a realistic synthetic data set (a few hundred leads) so a newcomer sees a working console.

Every demo lead is marked: channel "demo", sender "demo-…", and 演示数据 in its description. Names and
phones are invented (phones use the 1370000xxxx block). Refuses to touch a database that already holds
real leads.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.casework import move
from bot.store.leads import file_lead
from bot.store.models import Lead

EMPLOYERS = ["鸿运电子厂", "华建劳务", "老王", "金鼎装饰", "顺捷物流", "洁美保洁公司", "蜀香阁火锅店", "永发家具厂",
             "宏达建筑公司", "海通物流", "陈总", "绿城物业", "鑫泰劳务", "张老板", "日升塑胶厂", "中天建设"]
PROJECTS = ["翠湖花园二期", "滨江壹号", "万达广场", "融创城", "阳光城十一期", "中海国际社区", None, None]
PLACES = ["东莞长安镇", "深圳宝安", "广州白云区", "杭州滨江", "成都武侯区", "郑州航空港区", "南京江北新区",
          "佛山顺德", "苏州工业园区", "合肥滨湖新区", "长沙岳麓区", "西安雁塔区", "重庆渝北", "昆山"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林"
GIVEN = ["建国", "秀英", "小军", "桂兰", "志强", "春梅", "大勇", "海燕"]
CONSTRUCTION = {"华建劳务", "老王", "金鼎装饰", "宏达建筑公司", "鑫泰劳务", "中天建设", "陈总"}


def _fields(rng: random.Random, i: int) -> Dict[str, Any]:
    employer = rng.choice(EMPLOYERS)
    workers = rng.choice([1, 1, 1, 2, 3, 5, 8, 12, 20, 35])
    monthly = rng.choice([3500, 4500, 5200, 6000, 7500, 9000])
    months = rng.choice([1, 2, 2, 3, 4, 6])
    return {
        "employer_name": employer,
        "employer_type": "company" if employer.endswith(("厂", "司", "务", "流")) else "individual",
        "project_name": rng.choice(PROJECTS) if employer in CONSTRUCTION else None,
        "location": rng.choice(PLACES), "sector": "construction" if employer in CONSTRUCTION else "other",
        "amount_yuan": monthly * months * workers, "worker_count": workers, "period_text": f"{months}个月",
        "period_months": months, "reporter_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "phone": f"1370000{i:04d}", "description": "演示数据（虚构）",
        "needs_check": ["amount_yuan"] if i % 7 == 0 else [],
    }


def fill(session: Session, count: int = 300, seed: int = 7) -> int:
    """Add count demo leads spread over the last twelve months, worked to realistic statuses."""
    real = session.execute(select(func.count()).select_from(Lead).where(Lead.channel != "demo")).scalar_one()
    if real:
        raise RuntimeError(f"the database holds {real} real lead(s); demo data goes into a fresh database only")
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    for i in range(count):
        lead, _ = file_lead(session, intake_key=f"demo-{seed}-{i}", channel="demo", sender_id=f"demo-{i}",
                            fields=_fields(rng, i))
        lead.created_at = now - timedelta(days=rng.randint(0, 364), hours=rng.randint(0, 23))
        session.commit()
        fate = rng.random()
        if fate < 0.15:
            continue  # still new
        if fate < 0.22:
            move(session, lead, "closed", "demo", outcome="rejected", reason="超过两年时效（演示）")
            continue
        move(session, lead, "verifying", "demo")
        if fate < 0.35:
            continue
        move(session, lead, "transferred", "demo",
             transfer_target=rng.choice(["labour_inspection", "arbitration", "legal_aid", "payment_order"]))
        if fate < 0.5:
            continue
        if fate < 0.58:
            move(session, lead, "closed", "demo", outcome="unverifiable", reason="联系不上欠薪方（演示）")
        else:
            recovered = int((lead.amount_yuan or 0) * rng.choice([1, 1, 0.8, 0.6]))
            move(session, lead, "closed", "demo", outcome="recovered", amount_recovered=recovered,
                 workers_paid=lead.worker_count or 1)
    return count


def demo_lead_ids(session: Session) -> List[int]:
    return list(session.execute(select(Lead.id).where(Lead.channel == "demo")).scalars())
