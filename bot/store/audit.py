"""The audit log: every view of a lead's personal data and every change, with before and after."""

from __future__ import annotations

from typing import Any, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import AuditEntry


def record(session: Session, actor: str, action: str, lead_id: Optional[int] = None,
           commit: bool = True, **detail: Any) -> AuditEntry:
    """Add an entry (actions: view_lead, change_status, edit_field, add_note, export, login, login_failed ...)."""
    entry = AuditEntry(actor=actor, action=action, lead_id=lead_id, detail=_plain(detail))
    session.add(entry)
    if commit:
        session.commit()
    return entry


def entries(session: Session, lead_id: Optional[int] = None, limit: int = 200, offset: int = 0) -> List[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
    if lead_id is not None:
        query = query.where(AuditEntry.lead_id == lead_id)
    return list(session.execute(query).scalars())


def _plain(value: Any) -> Any:
    """JSON-safe copy (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


