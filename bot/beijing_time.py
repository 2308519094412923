"""Staff work on Beijing time; the database keeps UTC (SQLite hands it back without a zone)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")


def in_beijing(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(BEIJING)


def today() -> date:
    return datetime.now(BEIJING).date()
