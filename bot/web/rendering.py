"""The Jinja2 templates, with escaping always on and the filters that format dates and money."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Optional

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from bot.beijing_time import in_beijing
from bot.web.labels import code_labels
from bot.web.sessions import current

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def local_time(value: Optional[datetime], pattern: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return in_beijing(value).strftime(pattern)


def yuan(value: Optional[int]) -> str:
    return "" if value is None else f"{value:,}"


def amount(lead: Any) -> str:
    """28,000 or 20,000–30,000, with 约 when the worker gave an approximate figure."""
    if lead.amount_yuan is None:
        return ""
    text = yuan(lead.amount_yuan)
    if lead.amount_yuan_high and lead.amount_yuan_high != lead.amount_yuan:
        text += f"–{yuan(lead.amount_yuan_high)}"
    return ("约" + text) if lead.amount_approximate else text


def workers(lead: Any) -> str:
    if lead.worker_count is None:
        return ""
    return ("约" if lead.worker_count_approximate else "") + str(lead.worker_count)


def _context(request: Request) -> Dict[str, Any]:
    session = current(request)
    return {"session": session, "csrf": session["csrf"], "labels": code_labels()}


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(local_time=local_time, yuan=yuan, amount=amount, workers=workers)
    return Jinja2Templates(env=env, context_processors=[_context])


_templates: Optional[Jinja2Templates] = None


def render(request: Request, name: str, context: Optional[Dict[str, Any]] = None,
           status_code: int = 200) -> Response:
    """A page from bot/web/templates, with the session, CSRF token and labels in its context."""
    global _templates
    if _templates is None:
        _templates = make_templates()
    return _templates.TemplateResponse(request, name, context or {}, status_code=status_code)
