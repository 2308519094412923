"""The console as one Starlette application: routes, static files, the guard in front of them all."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot.settings import get_settings
from bot.store.session import open_session
from bot.store.staff import find_account
from bot.web.guard import ConsoleGuard
from bot.web.rendering import render
from bot.web.routes import audit_log, casework, evidence, exports, health, lead, login, queue, stats
from bot.web.sessions import SessionCodec, process_key

STATIC_DIR = Path(__file__).resolve().parent / "static"
ERRORS = {403: "没有权限访问这个页面。", 404: "没有找到这个页面。"}


def active_role(name: str) -> Optional[str]:
    """The role of the active account with this name, or None: read on every request."""
    with open_session() as session:
        account = find_account(session, name)
        return account.role if account is not None and account.active else None


def _error_page(request: Request, error: Exception) -> Response:
    """Our own Chinese detail when a route gave one, else the plain message for the status."""
    status = getattr(error, "status_code", 404)
    detail = str(getattr(error, "detail", "") or "")
    message = detail if detail and not detail.isascii() else ERRORS.get(status, "出错了。")
    return render(request, "error.html", {"message": message, "status": status}, status_code=status)


def create_app() -> Starlette:
    """Build the console; WEB_SECRET_KEY signs the session cookies (a random key per process when unset)."""
    secret = get_settings().web_secret_key
    codec = SessionCodec(secret.encode() if secret else process_key())
    routes = [*health.routes, *login.routes, *queue.routes, *lead.routes, *casework.routes, *evidence.routes,
              *audit_log.routes, *exports.routes, *stats.routes,
              Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static")]
    return Starlette(
        routes=routes,
        middleware=[Middleware(ConsoleGuard, codec=codec, role_of=active_role)],
        exception_handlers={403: _error_page, 404: _error_page},
    )
