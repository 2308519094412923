"""Statutory clocks on a lead, in working days (Chinese public holidays and make-up days counted).

Labour inspection must decide whether to accept a complaint within 5 working days and finish within
60 working days of opening the case, extendable by 30 (../shared/domain/wage-arrears-law.md, [S3 Art 18],
[S2 Art 17]). The clock runs from filing, or from the transfer when the lead was transferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

from bot.beijing_time import in_beijing

HOLIDAYS_FILE = Path(__file__).parent / "calendars" / "cn_holidays.txt"
ACCEPT_DAYS, CLOSE_DAYS, EXTENSION_DAYS = 5, 60, 30


@lru_cache(maxsize=1)
def _special_days() -> Dict[date, bool]:
    """date -> True if it is a working day by notice (make-up), False if a holiday."""
    days: Dict[date, bool] = {}
    for line in HOLIDAYS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            day, kind = line.split()
            days[date.fromisoformat(day)] = kind == "work"
    return days


def is_working_day(day: date) -> bool:
    special = _special_days().get(day)
    return special if special is not None else day.weekday() < 5


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end (0 if end is not after start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


@dataclass(frozen=True)
class Clock:
    name: str  # accept | close
    limit: int  # working days allowed
    used: int  # working days gone

    @property
    def remaining(self) -> int:
        return self.limit - self.used

    @property
    def overdue(self) -> bool:
        return self.used > self.limit


def clocks(status: str, filed: datetime, transferred: Optional[datetime], extended: bool,
           today: Optional[date] = None) -> Dict[str, Clock]:
    """The clocks still running for a lead: none once it is closed."""
    if status == "closed":
        return {}
    today = today or date.today()
    start = in_beijing(transferred or filed).date()
    used = working_days_between(start, today)
    running = {"close": Clock("close", CLOSE_DAYS + (EXTENSION_DAYS if extended else 0), used)}
    if status == "new":
        running["accept"] = Clock("accept", ACCEPT_DAYS, used)
    return running
