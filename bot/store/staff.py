"""Staff accounts: slow salted password hashes (scrypt); attempts are limited in bot/store/throttle.py."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import console_sessions
from bot.store.models import ROLES, StaffAccount

_N, _R, _P = 2**14, 8, 1  # scrypt cost: about 50 ms per check, 16 MB


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


# Checked against when the name is unknown or inactive, so that such a try costs the same time.
_DUMMY_HASH = f"scrypt${_N}${_R}${_P}${'00' * 16}${'00' * 32}"


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


def _check_strength(password: str) -> None:
    if len(password) < 10:
        raise ValueError("password must have at least 10 characters")


def add_account(session: Session, name: str, role: str, password: str) -> StaffAccount:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if not name.strip() or len(name) > 60:
        raise ValueError("name must be 1-60 characters")
    _check_strength(password)
    account = StaffAccount(name=name.strip(), role=role, password_hash=hash_password(password))
    session.add(account)
    session.commit()
    return account


def find_account(session: Session, name: str) -> Optional[StaffAccount]:
    return session.execute(select(StaffAccount).where(StaffAccount.name == name)).scalar_one_or_none()


def list_accounts(session: Session) -> List[StaffAccount]:
    return list(session.execute(select(StaffAccount).order_by(StaffAccount.name)).scalars())


def verify(session: Session, name: str, password: str) -> Optional[StaffAccount]:
    """The active account if the password is right. Exactly one scrypt check whatever the name, so the
    time taken does not tell which names exist (attempts are limited in bot/store/throttle.py)."""
    account = find_account(session, name)
    usable = account is not None and account.active
    matches = check_password(password, account.password_hash if usable else _DUMMY_HASH)
    return account if usable and matches else None


def set_active(session: Session, account: StaffAccount, active: bool) -> None:
    """Deactivating ends every session of the account at once."""
    account.active = active
    session.commit()
    if not active:
        console_sessions.end_all(session, account)


def set_password(session: Session, account: StaffAccount, password: str) -> None:
    """A new password ends every session of the account (a stolen cookie stops working)."""
    _check_strength(password)
    account.password_hash = hash_password(password)
    session.commit()
    console_sessions.end_all(session, account)
