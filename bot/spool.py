"""Last resort when the database is down: keep the report on local disk.

Files are readable by the service user only; `python -m bot spool-replay`
files them once the database is back.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

from sqlalchemy.exc import DataError, IntegrityError

from bot.settings import get_settings

logger = logging.getLogger(__name__)


def write_private(path: Path, data: bytes) -> None:
    """Write a file only this user can read (mode 0600, folder 0700): workers' data on disk."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def spool_lead(record: Dict[str, Any]) -> Path:
    path = get_settings().spool_dir / f"{record['intake_key']}.json"
    write_private(path, json.dumps(record, ensure_ascii=False, default=_encode).encode("utf-8"))
    return path


def spool_update(payload: Dict[str, Any]) -> Path:
    """A channel update kept while the database is down (the Telegram retry loop imports it back)."""
    path = get_settings().spool_dir / "inbox" / f"{payload['update_id']}.json"
    write_private(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return path


def spooled() -> Iterator[Tuple[Path, Dict[str, Any]]]:
    """Every spooled report; a file that cannot be read is set aside (see set_aside) and skipped."""
    folder = get_settings().spool_dir
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            record["transcript"] = [
                (speaker, text, datetime.fromisoformat(sent) if sent else None)
                for speaker, text, sent in record["transcript"]
            ]
        except (ValueError, KeyError, TypeError):
            set_aside(path)
            continue
        yield path, record


def set_aside(path: Path) -> Path:
    """Move a spooled file that cannot be filed to rejected/ (kept for staff, never deleted), so the
    next one is not held up."""
    target = path.parent / "rejected" / path.name
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.replace(target)
    logger.error("spooled file %s set aside in %s", path.name, target.parent)
    return target


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value))


def replay() -> int:
    """File every spooled report; each is removed once it is in the database."""
    from bot.store.leads import file_lead
    from bot.store.session import session_factory

    filed = 0
    Session = session_factory(get_settings().database_url)
    for path, record in spooled():
        try:
            with Session() as session:
                file_lead(session, **record)
        except (DataError, IntegrityError, ValueError, TypeError):  # this record, not the database
            set_aside(path)
            continue
        path.unlink()
        filed += 1
    return filed
