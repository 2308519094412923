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


def mark_done(session: Session, update_id: int) -> None:
    """Handled and answered: drop the payload (the message text is in the conversation)."""
    row = session.get(InboxUpdate, update_id)
    if row is not None:
        row.status, row.payload, row.done_at = "done", None, utcnow()
        row.attempts += 1
        session.commit()


def mark_retry(session: Session, update_id: int) -> None:
    """Not handled (engine or database down): keep it for the next attempt."""
    row = session.get(InboxUpdate, update_id)
    if row is not None:
        row.status = "retry"
        row.attempts += 1
        session.commit()


def mark_given_up(session: Session, update_id: int) -> None:
    """Failed too often to be an outage: stop retrying, keep the payload for staff to look at."""
    row = session.get(InboxUpdate, update_id)
    if row is not None:
        row.status = "failed"
        session.commit()


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
