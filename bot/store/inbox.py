"""The channel inbox: every update is stored before it is handled, marked done after the replies are sent."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import InboxUpdate, utcnow


def record_update(session: Session, update_id: int, chat_id: str, payload: Dict[str, Any]) -> bool:
    """Store an update once; False if it was already handled (a duplicate delivery)."""
    existing = session.get(InboxUpdate, update_id)
    if existing is None:
        session.add(InboxUpdate(update_id=update_id, chat_id=chat_id, payload=payload, status="pending"))
        try:
            session.commit()
        except IntegrityError:  # the same update, recorded by a concurrent delivery
            session.rollback()
            existing = session.get(InboxUpdate, update_id)
    if existing is not None and existing.status == "done":
        return False
    return True


def _change(session: Session, update_id: int, attempt: bool = False, **values: Any) -> None:
    row = session.get(InboxUpdate, update_id)
    if row is not None:
        for name, value in values.items():
            setattr(row, name, value)
        row.attempts += attempt
        session.commit()


def mark_done(session: Session, update_id: int) -> None:
    """Handled and answered: drop the payload (the message text is in the conversation)."""
    _change(session, update_id, attempt=True, status="done", payload=None, done_at=utcnow())


def mark_retry(session: Session, update_id: int) -> None:
    """Not handled (engine or database down): keep it for the next attempt."""
    _change(session, update_id, attempt=True, status="retry")


def mark_given_up(session: Session, update_id: int) -> None:
    """Failed too often to be an outage: stop retrying, keep the payload for staff to look at."""
    _change(session, update_id, status="failed")


def attempts_of(session: Session, update_id: int) -> int:
    row = session.get(InboxUpdate, update_id)
    return row.attempts if row else 0


def unfinished(session: Session, limit: int = 500) -> List[Dict[str, Any]]:
    """Payloads of updates still to handle (pending or retry), oldest first."""
    query = (select(InboxUpdate).where(InboxUpdate.status.in_(("pending", "retry")))
             .order_by(InboxUpdate.update_id).limit(limit))
    return [row.payload for row in session.execute(query).scalars() if row.payload]


def status_of(session: Session, update_id: int) -> Optional[str]:
    row = session.get(InboxUpdate, update_id)
    return row.status if row else None
