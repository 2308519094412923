"""Staff accounts: slow salted password hashes (scrypt), lock-out after repeated failed logins."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import ROLES, StaffAccount, utcnow

MAX_FAILED_LOGINS = 5
LOCK_OUT = timedelta(minutes=15)
_N, _R, _P = 2**14, 8, 1  # scrypt cost: about 50 ms per check, 16 MB


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(digest) // 2)
    return hmac.compare_digest(candidate.hex(), digest)


def add_account(session: Session, name: str, role: str, password: str) -> StaffAccount:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if not name.strip() or len(name) > 60:
        raise ValueError("name must be 1-60 characters")
    if len(password) < 10:
        raise ValueError("password must have at least 10 characters")
    account = StaffAccount(name=name.strip(), role=role, password_hash=hash_password(password))
    session.add(account)
    session.commit()
    return account


def find_account(session: Session, name: str) -> Optional[StaffAccount]:
    return session.execute(select(StaffAccount).where(StaffAccount.name == name)).scalar_one_or_none()


def authenticate(session: Session, name: str, password: str) -> Optional[StaffAccount]:
    """The account if the password is right and it is not locked; counts failures and locks after five."""
    account = find_account(session, name)
    if account is None or not account.active:
        check_password(password, hash_password("x" * 10))  # same time whether the name exists or not
        return None
    now = utcnow()
    if _locked(account, now):
        return None
    if not check_password(password, account.password_hash):
        account.failed_logins += 1
        if account.failed_logins >= MAX_FAILED_LOGINS:
            account.locked_until, account.failed_logins = now + LOCK_OUT, 0
        session.commit()
        return None
    account.failed_logins, account.locked_until = 0, None
    session.commit()
    return account


def is_locked(session: Session, name: str) -> bool:
    account = find_account(session, name)
    return account is not None and _locked(account, utcnow())


def _locked(account: StaffAccount, now: datetime) -> bool:
    until = account.locked_until
    if until is not None and until.tzinfo is None:  # SQLite returns naive UTC
        until = until.replace(tzinfo=timezone.utc)
    return until is not None and until > now
