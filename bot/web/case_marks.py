"""Collective groups and possible duplicates over every lead, for the queue and the lead page."""

from __future__ import annotations

from typing import Dict, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.collective import Group, group_leads, possible_duplicates
from bot.store.models import Lead


def case_marks(session: Session) -> Tuple[Dict[int, Group], Dict[int, int]]:
    """(lead id -> its group, lead id -> the earlier lead it may duplicate); names compared tolerantly."""
    rows = session.execute(select(Lead.id, Lead.employer_name, Lead.project_name, Lead.worker_count,
                                  Lead.amount_yuan, Lead.location, Lead.phone, Lead.created_at)).all()
    return group_leads(rows), possible_duplicates(rows)
