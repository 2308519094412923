"""Limits on login attempts, counted and checked in one statement so parallel guesses cannot slip past.

Every attempt is counted *before* its password is checked: in each 15-minute window an account
name gets 5 tries from one client address, and an address 30 tries over all names. Counters are
keyed by the name typed, whether or not such an account exists (so they tell nothing about which
names are real), and by address, so a stranger cannot lock a staff member out at their own desk.
A successful login gives its tries back.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import List, Optional, Tuple

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import LoginThrottle, utcnow

WINDOW = timedelta(minutes=15)
PER_NAME_AND_ADDRESS = 5
PER_ADDRESS = 30


def _window(now: datetime) -> int:
    return int(now.timestamp() // WINDOW.total_seconds())


def _keys(name: str, address: str, now: datetime) -> List[Tuple[str, int]]:
    window = _window(now)
    return [(f"w{window}|addr:{address}|name:{name.casefold()}"[:200], PER_NAME_AND_ADDRESS),
            (f"w{window}|addr:{address}"[:200], PER_ADDRESS)]


def _count(session: Session, key: str, change: int, now: datetime) -> int:
    """Add change to the key's counter in one UPDATE (creating the row if need be); the new count."""
    for _ in range(5):
        result = session.execute(update(LoginThrottle).where(LoginThrottle.key == key)
                                 .values(failures=LoginThrottle.failures + change))
        if result.rowcount == 0:
            if change < 0:
                session.commit()
                return 0
            session.add(LoginThrottle(key=key, failures=change, window_start=now))
            try:
                session.commit()
            except IntegrityError:  # another request created it first: count on that row
                session.rollback()
                continue
            return change
        count = session.execute(select(LoginThrottle.failures).where(LoginThrottle.key == key)).scalar_one()
        session.commit()  # our UPDATE held the row (PostgreSQL) or the database (SQLite) until here
        return count
    raise RuntimeError("login throttle row could not be written")


def take_attempt(session: Session, name: str, address: str, now: Optional[datetime] = None) -> bool:
    """Count one attempt against every limit; False when any limit was already used up."""
    now = now or utcnow()
    return all([_count(session, key, 1, now) <= limit for key, limit in _keys(name, address, now)])


def give_back(session: Session, name: str, address: str, now: Optional[datetime] = None) -> None:
    """After a successful login: the name's tries from this address start again, the address gets one back;
    counters from old windows are dropped."""
    now = now or utcnow()
    (name_key, _), (address_key, _) = _keys(name, address, now)
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == name_key))
    session.execute(delete(LoginThrottle).where(LoginThrottle.window_start < now - 2 * WINDOW))
    session.commit()
    _count(session, address_key, -1, now)
