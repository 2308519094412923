"""Evidence files: recorded per sender, attached to the lead their report becomes."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import List, Optional

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.beijing_time import BEIJING, today
from bot.store.models import Evidence, Lead, utcnow

# A file sent this soon after filing, outside a new report, belongs to the lead just filed.
JUST_FILED = timedelta(hours=24)


def add_evidence(session: Session, *, channel: str, sender_id: str, kind: str, media_type: str,
                 size_bytes: int, sha256: str, path: str, lead_id: Optional[int] = None) -> Evidence:
    evidence = Evidence(channel=channel, sender_id=sender_id, kind=kind, media_type=media_type,
                        size_bytes=size_bytes, sha256=sha256, path=path, lead_id=lead_id)
    session.add(evidence)
    session.commit()
    return evidence


def recent_lead(session: Session, sender_id: str) -> Optional[Lead]:
    """The sender's lead filed within JUST_FILED, if any."""
    query = (select(Lead).where(Lead.sender_id == sender_id, Lead.created_at >= utcnow() - JUST_FILED)
             .order_by(Lead.created_at.desc(), Lead.id.desc()).limit(1))
    return session.execute(query).scalar_one_or_none()


def attach_pending(session: Session, sender_id: str, lead_id: int) -> int:
    """Attach the sender's unattached evidence to a lead; returns how many files."""
    result = session.execute(update(Evidence).where(Evidence.sender_id == sender_id, Evidence.lead_id.is_(None))
                             .values(lead_id=lead_id))
    return result.rowcount or 0


def pending_count(session: Session, sender_id: str) -> int:
    query = select(Evidence.id).where(Evidence.sender_id == sender_id, Evidence.lead_id.is_(None))
    return len(session.execute(query).all())


def files_today(session: Session, channel: str, sender_id: str) -> int:
    """Files a chat sent since midnight Beijing time: the daily quota keeps one chat from filling the disk."""
    midnight = datetime.combine(today(), time(0), tzinfo=BEIJING).astimezone(timezone.utc)
    query = select(func.count(Evidence.id)).where(Evidence.channel == channel, Evidence.sender_id == sender_id,
                                                  Evidence.received_at >= midnight)
    return session.execute(query).scalar_one()


def evidence_for_lead(session: Session, lead_id: int) -> List[Evidence]:
    return list(session.execute(select(Evidence).where(Evidence.lead_id == lead_id)
                                .order_by(Evidence.id)).scalars())
