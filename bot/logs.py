"""Logging without personal data: phones, ID numbers and Chinese text never reach a log line.

The first line of defence is to log only codes and ids (and SQLAlchemy engines with
hide_parameters, bot/store/session.py). This is the second: every record is redacted
when it is created, whatever logger or handler it goes to, including the traceback
of an exception (a database error quotes the values it could not write). Our own log
messages are English, so Chinese characters in a log line are a worker's words: a
name, a place or message text.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any, Callable

from nlu.identity import mask_ids

# A mobile (with or without +86, with spaces, dashes or dots), a landline ((0755)12345678, 0755 1234 5678),
# an ID number written in groups; chat ids stay (10 digits or fewer).
_SEP = r"[\s.\-]?"
_PHONE = re.compile(
    rf"(?<!\d)(?:(?:\+|00)?86{_SEP})?1[3-9]\d(?:{_SEP}\d){{8}}(?!\d)"
    rf"|(?<!\d)\(?0\d{{2,3}}\)?{_SEP}\d{{3,4}}{_SEP}\d{{4}}(?!\d)"
    rf"|(?<!\d)\d{{6}}{_SEP}\d{{8}}{_SEP}\d{{3}}[\dXx](?![\dA-Za-z])")
# CJK ideographs (all planes, with the compatibility blocks) and full-width forms: names, places, text.
_CHINESE = re.compile(
    "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]+")


def redact(text: str) -> str:
    """The text with ID numbers masked, phones and Chinese text replaced by a marker."""
    text = mask_ids(text)
    text = _PHONE.sub("[phone]", text)
    return _CHINESE.sub(lambda m: f"[text:{len(m.group(0))}]", text)


def _redacting_factory(make: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the template only
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None  # formatters print exc_text instead of formatting the exception again
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return record

    factory.redacting = True  # type: ignore[attr-defined]
    return factory


def install() -> None:
    """Redact every log record created from now on in this process (idempotent)."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "redacting", False):
        logging.setLogRecordFactory(_redacting_factory(current))
