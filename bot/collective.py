"""Collective cases and possible duplicates: leads that name the same employer or project.

Many workers from one site report the same arrears. Names are compared in a normalised form that
tolerates the small differences people write (公司/有限公司, 二期/2期, Traditional characters,
spaces and punctuation). A group with 10 or more workers or 100,000 yuan or more is 群体性欠薪.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Dict, Iterable, List, Optional

from nlu.numbers import parse_count
from nlu.script import to_simplified

COLLECTIVE_WORKERS, COLLECTIVE_YUAN = 10, 100_000
DUPLICATE_WINDOW = timedelta(days=30)
_COMPANY_WORDS = re.compile(r"(有限责任公司|股份有限公司|有限公司|集团|公司|分公司|项目部|工地|项目)$")
_PHASE = re.compile(r"([零〇一二三四五六七八九十两]+)期")
_NOISE = re.compile(r"[\s\W_]+")


def normalise_name(name: Optional[str]) -> str:
    """鸿运电子有限公司 and 鸿運電子公司 -> 鸿运电子; 翠湖花园2期 and 翠湖花园二期 -> 翠湖花园2期."""
    if not name:
        return ""
    text = _NOISE.sub("", to_simplified(name)).lower()
    text = _PHASE.sub(lambda m: f"{parse_count(m.group(1)).low}期" if parse_count(m.group(1)) else m.group(0), text)
    previous = None
    while previous != text:  # 某某建设集团有限公司: strip every trailing company word
        previous, text = text, _COMPANY_WORDS.sub("", text)
    return text


_UNKNOWN = {"", "不知道", "不清楚", "老板", "包工头", "工头", "老板娘"}


def _keys(lead) -> List[str]:
    """What identifies the lead's employer and project; a bare nickname (老王) only within one place."""
    keys = []
    employer, project = normalise_name(lead.employer_name), normalise_name(lead.project_name)
    if employer not in _UNKNOWN and len(employer) >= 2:
        keys.append(f"e:{employer}" + (f"@{normalise_name(lead.location)[:2]}" if len(employer) <= 3 else ""))
    if project not in _UNKNOWN and len(project) >= 2:
        keys.append(f"p:{project}")
    return keys


@dataclass
class Group:
    key: str
    lead_ids: List[int] = field(default_factory=list)
    workers: int = 0
    amount_yuan: int = 0

    @property
    def collective(self) -> bool:
        return self.workers >= COLLECTIVE_WORKERS or self.amount_yuan >= COLLECTIVE_YUAN


def group_leads(leads: Iterable) -> Dict[int, Group]:
    """Lead id -> its group (same normalised employer, or same normalised project); single leads included."""
    parent: Dict[int, int] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_key: Dict[str, int] = {}
    leads = list(leads)
    for lead in leads:
        parent[lead.id] = lead.id
        for key in _keys(lead):
            if key in by_key:
                parent[find(lead.id)] = find(by_key[key])
            else:
                by_key[key] = lead.id
    groups: Dict[int, Group] = {}
    for lead in leads:
        root = find(lead.id)
        group = groups.setdefault(root, Group(key=normalise_name(lead.employer_name or lead.project_name)))
        group.lead_ids.append(lead.id)
        group.workers += lead.worker_count or 1
        group.amount_yuan += lead.amount_yuan or 0
    return {lead.id: groups[find(lead.id)] for lead in leads}


def possible_duplicates(leads: Iterable) -> Dict[int, int]:
    """Lead id -> an earlier lead from the same phone against the same employer within 30 days."""
    seen: Dict[tuple, List] = defaultdict(list)
    duplicates: Dict[int, int] = {}
    for lead in sorted(leads, key=lambda lead: (lead.created_at, lead.id)):
        employer = normalise_name(lead.employer_name)
        if not lead.phone or not employer:
            continue
        key = (lead.phone, employer)
        for earlier in seen[key]:
            if lead.created_at - earlier.created_at <= DUPLICATE_WINDOW:
                duplicates[lead.id] = earlier.id
                break
        seen[key].append(lead)
    return duplicates
