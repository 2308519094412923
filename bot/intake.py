"""From the form's slots to a lead: the normalised fields and the summary read back."""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, Iterable, List, Optional

from bot.fields import (
    FIELD_LABELS,
    SECTOR_LABELS,
    acceptance_gaps,
    describe_quantity,
    urgency_markers,
)
from nlu.identity import mask_ids
from nlu.numbers import Quantity

# Slot values that mean "the worker did not know or would not say".
UNKNOWN = "不清楚"
NOT_GIVEN = "未提供"


def _int_or_none(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text_or_none(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value not in (UNKNOWN, NOT_GIVEN) else None


def lead_fields(slots: Dict[str, Any], today: Optional[date] = None, said: Iterable[str] = ()) -> Dict[str, Any]:
    """The lead as stored, built from the slots the form filled; said: every message the worker sent,
    searched for urgency markers (a threat told in the first message counts as much as one told last)."""
    description = slots.get("extra_info")
    description = description if description and description != "无" else None
    contact = _text_or_none(slots.get("employer_contact"))
    if contact and contact != slots.get("employer_name"):  # the boss of the business that owes the wages
        description = "；".join(filter(None, (description, f"老板/负责人：{contact}")))
    fields: Dict[str, Any] = {
        "employer_name": _text_or_none(slots.get("employer_name")),
        "employer_type": slots.get("employer_type"),
        "project_name": _text_or_none(slots.get("project_name")),
        "location": _text_or_none(slots.get("location")),
        "sector": slots.get("sector") if slots.get("sector") in SECTOR_LABELS else None,
        "amount_yuan": _int_or_none(slots.get("amount_yuan")),
        "amount_yuan_high": _int_or_none(slots.get("amount_yuan_high")),
        "amount_approximate": bool(slots.get("amount_approximate")),
        "worker_count": _int_or_none(slots.get("worker_count")),
        "worker_count_approximate": bool(slots.get("worker_count_approximate")),
        "period_text": _text_or_none(slots.get("period_text")),
        "period_months": _int_or_none(slots.get("period_months")),
        "period_start": slots.get("period_start"),
        "reporter_name": _text_or_none(slots.get("reporter_name")),
        "phone": _text_or_none(slots.get("phone")) if not slots.get("phone_skipped") else None,
        "phone_skipped": bool(slots.get("phone_skipped")),
        "description": description,
        "urgency_flags": urgency_markers(description, *said),
        "field_sources": slots.get("field_sources") or {},
        "needs_check": sorted(set(slots.get("needs_check") or [])),
    }
    fields["acceptance_gaps"] = acceptance_gaps(fields, today)
    # ID numbers are never collected; one typed anyway is masked before it is kept or read back.
    return {name: mask_ids(value) if isinstance(value, str) else value for name, value in fields.items()}


def _amount_line(fields: Dict[str, Any]) -> Optional[str]:
    low = fields.get("amount_yuan")
    if low is None:
        return None
    high = fields.get("amount_yuan_high") or low
    return describe_quantity(Quantity(low, high, fields.get("amount_approximate", False)), "元")


SUMMARY_OPENING = "请核对一下您的信息："  # the read-back's first line, by which a repeated read-back is known


def render_summary(fields: Dict[str, Any]) -> str:
    """The lead read back to the worker, numbers in digits."""
    count = fields.get("worker_count")
    values = {
        "employer_name": fields.get("employer_name") or UNKNOWN,
        "project_name": fields.get("project_name") or UNKNOWN,
        "location": fields.get("location") or UNKNOWN,
        "amount_yuan": _amount_line(fields) or UNKNOWN,
        "worker_count": (describe_quantity(Quantity(count, count, fields.get("worker_count_approximate", False)),
                                           "人") if count else UNKNOWN),
        "period_text": fields.get("period_text") or UNKNOWN,
        "sector": SECTOR_LABELS.get(fields.get("sector") or "", UNKNOWN),
        "reporter_name": fields.get("reporter_name") or NOT_GIVEN,
        "phone": fields.get("phone") or ("不留" if fields.get("phone_skipped") else UNKNOWN),
        "extra_info": fields.get("description") or "无",
    }
    arithmetic = (fields.get("field_sources") or {}).get("amount_yuan", {}).get("arithmetic")
    if arithmetic and values["amount_yuan"] != UNKNOWN:
        values["amount_yuan"] += f"（{arithmetic}）"
    if fields.get("period_months") and fields.get("period_text"):
        values["period_text"] += f"（约{fields['period_months']}个月）"
    lines = [SUMMARY_OPENING]
    lines += [f"· {FIELD_LABELS[name]}：{value}" for name, value in values.items()]
    return "\n".join(lines)


def render_gaps(gaps: List[str]) -> Optional[str]:
    if not gaps:
        return None
    items = "\n".join(f"· {gap}" for gap in gaps)
    return f"提醒：向劳动监察投诉时，下面这些还缺或者有问题，能补充最好，不补充也可以先提交：\n{items}"
