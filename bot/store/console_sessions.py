"""Console sessions kept on the server: logout, deactivation and a password change end them at once.

The cookie carries a random id (256 bits); the table keeps only its SHA-256, so a copy of the
database does not hand out live sessions. A session ends 12 hours after login whatever happens,
or after 2 hours without a request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from typing import Optional, Tuple

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store.models import ConsoleSession, StaffAccount, utcnow

LIFETIME = timedelta(hours=12)
IDLE = timedelta(hours=2)
_TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)  # SQLite gives naive UTC


def start(session: Session, account: StaffAccount, now: Optional[datetime] = None) -> str:
    """A new session for the account; returns the id for the cookie."""
    now = now or utcnow()
    session_id = secrets.token_urlsafe(32)
    session.add(ConsoleSession(id_hash=_hash(session_id), staff_id=account.id, created_at=now,
                               expires_at=now + LIFETIME, last_seen=now))
    session.commit()
    return session_id


def resolve(session: Session, session_id: str, now: Optional[datetime] = None) -> Optional[Tuple[str, str]]:
    """(name, role) of the active account the session belongs to, or None if it is over."""
    now = now or utcnow()
    row = session.execute(
        select(ConsoleSession, StaffAccount).join(StaffAccount, StaffAccount.id == ConsoleSession.staff_id)
        .where(ConsoleSession.id_hash == _hash(session_id))
    ).first()
    if row is None:
        return None
    console_session, account = row
    over = _aware(console_session.expires_at) <= now or _aware(console_session.last_seen) + IDLE <= now
    if over or not account.active:
        session.delete(console_session)
        session.commit()
        return None
    if _aware(console_session.last_seen) + _TOUCH_EVERY <= now:
        console_session.last_seen = now
        session.commit()
    return account.name, account.role


def end(session: Session, session_id: str) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.id_hash == _hash(session_id)))
    session.commit()


def end_all(session: Session, account: StaffAccount) -> int:
    """End every session of the account (deactivation, password reset); how many there were."""
    result = session.execute(delete(ConsoleSession).where(ConsoleSession.staff_id == account.id))
    session.commit()
    return result.rowcount
