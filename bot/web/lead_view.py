"""What the lead page shows: each field as staff read it, with the worker's own words and check marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, List, Optional

from bot.fields import SECTOR_LABELS
from bot.store.models import OUTCOMES, TRANSFER_TARGETS, Lead
from bot.web.labels import EMPLOYER_TYPES, FIELD_LABELS, URGENCY
from bot.web.rendering import amount, local_time, workers


@dataclass
class FieldRow:
    name: str
    label: str
    value: str  # "" when the worker did not say
    source: Optional[str]  # the worker's message the value came from
    arithmetic: Optional[str]  # how a total was computed ("4500元×3个月")
    needs_check: bool


def field_value(lead: Lead, name: str) -> str:
    """A field as text for the page (codes named, money grouped, times in Beijing time)."""
    if name == "amount_yuan":
        return amount(lead)
    if name == "worker_count":
        return workers(lead)
    value: Any = getattr(lead, name)
    if value is None:
        return ""
    tables = {"sector": SECTOR_LABELS, "employer_type": EMPLOYER_TYPES, "transfer_target": TRANSFER_TARGETS,
              "outcome": OUTCOMES}
    if name in tables:
        return tables[name].get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return local_time(value)
    if name == "amount_recovered":
        return f"{value:,}"
    return str(value)


def field_rows(lead: Lead, names: tuple) -> List[FieldRow]:
    sources = lead.field_sources if isinstance(lead.field_sources, dict) else {}
    flagged = set(lead.needs_check or [])
    rows = []
    for name in names:
        source = sources.get(name) if isinstance(sources.get(name), dict) else {}
        value = field_value(lead, name)
        if name == "phone" and not value and lead.phone_skipped:
            value = "（工友不愿留电话）"
        rows.append(FieldRow(name=name, label=FIELD_LABELS.get(name, name), value=value,
                             source=source.get("text"), arithmetic=source.get("arithmetic"),
                             needs_check=name in flagged))
    return rows


def urgency_names(lead: Lead) -> List[str]:
    return [URGENCY.get(flag, flag) for flag in (lead.urgency_flags or [])]


def needs_check_names(lead: Lead) -> List[str]:
    return [FIELD_LABELS.get(name, name) for name in (lead.needs_check or [])]
