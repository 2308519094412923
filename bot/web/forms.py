"""Every value the console reads from a request (query, form body, path), checked here and only here.

Anyone who can send a request chooses these values, so each is held to what its column and the
queries can take before any query sees it: a bad value becomes a Chinese message (HTTP 400, or a
filter left out and named on the page), never a database error. python-multipart is not installed
(nor needed): urlencoded bodies are parsed here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Dict, List, Mapping, Optional, TypeVar
from urllib.parse import parse_qs

from starlette.exceptions import HTTPException
from starlette.requests import Request

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 256 * 1024  # a long note is a few kilobytes
MAX_FIELDS = 50

# Far inside the columns: row ids are INTEGER, amounts BIGINT, counts INTEGER (PostgreSQL and SQLite).
MAX_ID = 2**31 - 1
MAX_YUAN = 10**11  # large enough for any real claim
MAX_WORKERS = 100_000
MAX_PAGE = 100_000
# Dates staff may filter on; also keeps "a day later" and Beijing midnight inside Python's datetime.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)

# C0 controls and DEL but tab and newlines: nobody types them, and PostgreSQL refuses NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBER = re.compile(r"-?[0-9]+")  # ASCII digits only: int() would also take "١٢", "1_0" and " 1 "
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

T = TypeVar("T")


class FormTooLarge(ValueError):
    """The body is longer than any console form can be."""


class BadValue(ValueError):
    """A value that cannot be used; the message says why, in Chinese, for the page."""


def parse_form(body: bytes, content_type: Optional[str]) -> Dict[str, str]:
    """The first value of each field of a urlencoded body; {} for any other kind of body."""
    if (content_type or "").split(";")[0].strip().lower() != FORM_TYPE:
        return {}
    try:
        values = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True,
                          max_num_fields=MAX_FIELDS)
    except ValueError:  # more fields than any form has
        return {}
    return {name: items[0] for name, items in values.items()}


def form_of(request: Request) -> Dict[str, str]:
    """The form the guard read before the CSRF check (the body can only be read once)."""
    return getattr(request.state, "form", {})


def text(form: Mapping[str, str], name: str) -> str:
    """Lenient: trimmed, control characters dropped (the login form; casework uses the checked readers)."""
    return _CONTROL.sub("", form.get(name) or "").strip()


# Checked readers: each raises BadValue with the reason in Chinese.

def clean_text(value: Optional[str], longest: int) -> str:
    """Trimmed text of at most `longest` characters, with no control characters."""
    value = (value or "").strip()
    if _CONTROL.search(value):
        raise BadValue("内容含有无法保存的控制字符，请删除后重试")
    if len(value) > longest:
        raise BadValue(f"内容太长，最多 {longest} 个字")
    return value


def whole_number(value: Optional[str], largest: int) -> Optional[int]:
    """"26,000" → 26000, "" → None; 0 to `largest`."""
    value = (value or "").strip().replace(",", "").replace("，", "").replace(" ", "")
    if not value:
        return None
    if not _NUMBER.fullmatch(value):
        raise BadValue("请填写数字")
    if value.startswith("-") or len(value) > len(str(largest)) or int(value) > largest:
        raise BadValue("数字超出范围")  # the length first: int() of thousands of digits is slow, then refused
    return int(value)


def iso_day(value: str) -> date:
    """YYYY-MM-DD between FIRST_DAY and LAST_DAY."""
    if not _DAY.fullmatch(value):
        raise BadValue("日期格式应为 年-月-日")
    day = date.fromisoformat(value)  # ValueError for 2025-02-30
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadValue(f"日期应在 {FIRST_DAY.year} 年到 {LAST_DAY.year} 年之间")
    return day


def row_id(value: Optional[str]) -> int:
    """A row id: 1 to MAX_ID (INTEGER), so no query ever sees one its column cannot hold."""
    number = whole_number(value, MAX_ID)
    if not number:
        raise BadValue("编号不对")
    return number


def path_id(request: Request, name: str, detail: str) -> int:
    """A row id from the path, or 404 with `detail` (routes take ids as text: Starlette's int would
    hand a query any number, and raise on 5,000 digits)."""
    try:
        return row_id(request.path_params[name])
    except ValueError:
        raise HTTPException(status_code=404, detail=detail) from None


class QueryValues:
    """GET parameters read leniently: a value that does not parse is left out and its Chinese label
    kept in `ignored`, so the page still shows and says which filter it did not apply."""

    def __init__(self, params: Mapping[str, str], labels: Mapping[str, str]) -> None:
        self.params = params
        self.labels = labels
        self.ignored: List[str] = []

    def read(self, name: str, parse: Callable[[str], T]) -> Optional[T]:
        raw = self.params.get(name) or ""
        try:
            value = clean_text(raw, 100)
            return parse(value) if value else None
        except ValueError:
            self.ignored.append(self.labels.get(name, name))
            return None

    def text(self, name: str) -> Optional[str]:
        return self.read(name, str)

    def choice(self, name: str, allowed: Mapping[str, str]) -> Optional[str]:
        return self.read(name, lambda value: _member(value, allowed))

    def number(self, name: str, largest: int, smallest: int = 0) -> Optional[int]:
        return self.read(name, lambda value: _at_least(whole_number(value, largest), smallest))

    def day(self, name: str) -> Optional[date]:
        return self.read(name, iso_day)


def _member(value: str, allowed: Mapping[str, str]) -> str:
    if value not in allowed:
        raise BadValue("不是可选的值")
    return value


def _at_least(number: Optional[int], smallest: int) -> Optional[int]:
    if number is not None and number < smallest:
        raise BadValue("数字超出范围")
    return number
