"""The queries the bot needs: file a lead once, find a worker's leads, change a status."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, Dict, Iterable, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.evidence import attach_pending
from bot.store.models import STATUSES, Lead, StatusChange, TranscriptEntry, utcnow
from bot.store.notifications import queue_status_notification

# No 0/O, 1/I/L: references are read out over the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LEAD_COLUMNS = (
    "employer_name", "employer_type", "project_name", "location", "sector",
    "amount_yuan", "amount_yuan_high", "amount_approximate", "worker_count",
    "worker_count_approximate", "period_text", "period_months", "period_start",
    "reporter_name", "phone", "phone_skipped", "description", "urgency_flags",
    "acceptance_gaps", "field_sources", "needs_check",
)


def new_reference(now: Optional[datetime] = None) -> str:
    """QX-261126-7KD3: date filed plus four unambiguous characters."""
    now = now or utcnow()
    suffix = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(4))
    return f"QX-{now:%y%m%d}-{suffix}"


def find_by_intake_key(session: Session, intake_key: str) -> Optional[Lead]:
    return session.execute(select(Lead).where(Lead.intake_key == intake_key)).scalar_one_or_none()


def file_lead(
    session: Session,
    *,
    intake_key: str,
    channel: str,
    sender_id: str,
    fields: Dict[str, Any],
    transcript: Iterable[Tuple[str, str, Optional[datetime]]] = (),
) -> Tuple[Lead, bool]:
    """Store a lead once per intake; returns (lead, created).

    A second call with the same intake_key (a confirmation delivered twice)
    returns the lead already filed instead of a copy.
    """
    existing = find_by_intake_key(session, intake_key)
    if existing is not None:
        return existing, False
    unknown = set(fields) - set(LEAD_COLUMNS)
    if unknown:
        raise ValueError(f"not lead fields: {sorted(unknown)}")
    lead = Lead(intake_key=intake_key, channel=channel, sender_id=sender_id,
                status="new", reference=new_reference(), **fields)
    lead.transcript = [
        TranscriptEntry(position=i, speaker=speaker, text=text, sent_at=sent_at)
        for i, (speaker, text, sent_at) in enumerate(transcript)
    ]
    lead.status_history = [StatusChange(from_status=None, to_status="new", changed_by="bot")]
    session.add(lead)
    try:
        session.flush()
        attach_pending(session, sender_id, lead.id)  # evidence sent while the report was taken
        session.commit()
    except IntegrityError:
        # Lost a race with the same confirmation, or drew a used reference.
        session.rollback()
        existing = find_by_intake_key(session, intake_key)
        if existing is not None:
            return existing, False
        return file_lead(session, intake_key=intake_key, channel=channel,
                         sender_id=sender_id, fields=fields, transcript=transcript)
    return lead, True


def leads_for_sender(session: Session, sender_id: str, limit: int = 5) -> List[Lead]:
    """A worker's own leads, newest first."""
    query = (select(Lead).where(Lead.sender_id == sender_id)
             .order_by(Lead.created_at.desc(), Lead.id.desc()).limit(limit))
    return list(session.execute(query).scalars())


def lead_as_dict(lead: Lead) -> Dict[str, Any]:
    """The lead in the command-line contract's shape."""
    data = {name: getattr(lead, name) for name in LEAD_COLUMNS}
    data.update(id=lead.id, reference=lead.reference, status=lead.status,
                channel=lead.channel, created_at=lead.created_at.isoformat())
    return data


def change_status(session: Session, lead: Lead, to_status: str, changed_by: str, note: Optional[str] = None) -> bool:
    """Move a lead to a new status, record it, and queue a message to the worker; False if unchanged."""
    if to_status not in STATUSES:
        raise ValueError(f"unknown status {to_status!r}")
    if lead.status == to_status:
        return False
    lead.status_history.append(StatusChange(from_status=lead.status, to_status=to_status,
                                            changed_by=changed_by, note=note))
    lead.status = to_status
    queue_status_notification(session, lead)
    session.commit()
    return True
