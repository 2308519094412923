"""Resident ID numbers (GB 11643-1999): recognised so they are never echoed or stored in clear.

The bot does not collect ID numbers (intake-fields.md: collect the minimum);
a worker may still type one, so it is masked wherever text is kept.
"""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_CANDIDATE = re.compile(r"(?<![0-9])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")


def is_valid_id(number: str) -> bool:
    """18 characters, a real birth date not in the future, and the MOD 11-2 check digit."""
    number = number.upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if born > date.today() or born.year < 1900:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17]


def mask_id(number: str) -> str:
    """First 3 and last 4 characters only (intake-fields.md: mask in UI and logs)."""
    return number[:3] + "*" * 11 + number[-4:]


def mask_ids(text: str) -> str:
    """The text with every valid ID number masked."""
    return _CANDIDATE.sub(lambda m: mask_id(m.group(0)) if is_valid_id(m.group(0)) else m.group(0), text)


def contains_id(text: str) -> bool:
    return any(is_valid_id(m.group(0)) for m in _CANDIDATE.finditer(text or ""))
