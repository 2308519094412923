"""Clearing an intake, after filing or cancelling, so the next report starts fresh."""

from __future__ import annotations

from typing import List

from rasa_sdk.events import EventType, SlotSet

INTAKE_SLOTS = (
    "employer_name", "project_name", "location", "amount_yuan", "worker_count",
    "period_text", "sector", "reporter_name", "phone", "extra_info", "summary_confirmed",
    "amount_yuan_high", "amount_approximate", "worker_count_approximate", "period_months",
    "period_start", "employer_type", "employer_contact", "phone_skipped", "field_sources", "needs_check",
    "requested_slot",
)


def reset_intake() -> List[EventType]:
    return [SlotSet(name, None) for name in INTAKE_SLOTS]
