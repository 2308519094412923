"""Form bodies and form values, parsed here because python-multipart is not installed (nor needed)."""

from __future__ import annotations

from typing import Dict, Optional
from urllib.parse import parse_qs

from starlette.requests import Request

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 256 * 1024  # a long note is a few kilobytes
MAX_FIELDS = 50


class FormTooLarge(ValueError):
    """The body is longer than any console form can be."""


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


def text(form: Dict[str, str], name: str) -> str:
    return form.get(name, "").strip()


def optional_int(value: Optional[str]) -> Optional[int]:
    """"26,000" → 26000, "" → None; raises ValueError on anything else."""
    value = (value or "").strip().replace(",", "").replace("，", "")
    if not value:
        return None
    return int(value)
