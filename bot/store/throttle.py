"""Limits on login attempts, counted and checked in one statement so parallel guesses cannot slip past.

Every attempt is counted *before* its password is checked, in 15-minute windows:
- a browser that has logged in to this account before (a signed device cookie) has its own
  counter, 5 tries, and none of the others: a stranger's flood cannot lock staff out, even when
  every client comes through one proxy address;
- any other attempt counts against the name from that address (5), the address over all names
  (30) and the name from everywhere (50, against guessing spread over many addresses).
Counters are keyed by the name typed, whether or not such an account exists, so they tell nothing
about which names are real. An address far past its limit is refused without writing anything
more (a flood does not fill the database). A successful login gives its tries back.
"""

from __future__ import annotations

import enum
import ipaddress
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import LoginThrottle, utcnow

WINDOW = timedelta(minutes=15)
PER_NAME_AND_ADDRESS = 5
PER_ADDRESS = 30
PER_NAME = 50
PER_DEVICE = 5


class Verdict(enum.Enum):
    ALLOWED = "allowed"  # check the password
    LIMITED = "limited"  # refuse without a check (audited)
    FLOOD = "flood"  # refuse without a check, and without writing anything more


def _window(now: datetime) -> str:
    return f"w{int(now.timestamp() // WINDOW.total_seconds())}"


def _client(address: str) -> str:
    """An IPv6 client is its /64 (one home or phone network), an IPv4 client its address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:60]
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(now: datetime, *parts: str) -> str:
    return "|".join((_window(now), *parts))[:200]


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


def take_attempt(session: Session, name: str, address: str, device: Optional[str] = None,
                 now: Optional[datetime] = None) -> Verdict:
    """Count one attempt against the limits that apply to it (see the module docstring)."""
    now = now or utcnow()
    name = name.casefold()
    if device:
        return Verdict.ALLOWED if _count(session, _key(now, "device", device), 1, now) <= PER_DEVICE \
            else Verdict.LIMITED
    client = _client(address)
    from_address = _count(session, _key(now, "addr", client), 1, now)
    if from_address > 2 * PER_ADDRESS:
        return Verdict.FLOOD
    counts = [(from_address, PER_ADDRESS),
              (_count(session, _key(now, "addr", client, "name", name), 1, now), PER_NAME_AND_ADDRESS),
              (_count(session, _key(now, "name", name), 1, now), PER_NAME)]
    session.execute(delete(LoginThrottle).where(LoginThrottle.window_start < now - 2 * WINDOW))
    session.commit()
    return Verdict.ALLOWED if all(count <= limit for count, limit in counts) else Verdict.LIMITED


def give_back(session: Session, name: str, address: str, device: Optional[str] = None,
              now: Optional[datetime] = None) -> None:
    """After a successful login: the tries this login used are given back."""
    now = now or utcnow()
    name, client = name.casefold(), _client(address)
    if device:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key == _key(now, "device", device)))
        session.commit()
        return
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == _key(now, "addr", client, "name", name)))
    session.commit()
    _count(session, _key(now, "addr", client), -1, now)
    _count(session, _key(now, "name", name), -1, now)
