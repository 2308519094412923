"""The console as one Starlette application: routes, static files, the guard in front of them all."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional, Tuple

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot.settings import get_settings
from bot.store import console_sessions
from bot.store.session import open_session
from bot.web.guard import ConsoleGuard
from bot.web.rendering import render
from bot.web.routes import account, audit_log, casework, evidence, exports, health, lead, login, queue, stats
from bot.web.sessions import MIN_KEY_BYTES, SessionCodec, process_key

logger = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"
ERRORS = {403: "没有权限访问这个页面。", 404: "没有找到这个页面。"}


def session_owner(session_id: str) -> Optional[Tuple[str, str]]:
    """(name, role) behind a console session, or None when it is over: read on every request."""
    with open_session() as session:
        return console_sessions.resolve(session, session_id)


class WeakSecretKey(ValueError):
    """WEB_SECRET_KEY is too short to sign sessions safely."""


def session_key() -> bytes:
    """WEB_SECRET_KEY (at least 32 bytes), or a random key for this process when it is unset."""
    secret = get_settings().web_secret_key
    if secret is None:
        logger.warning("WEB_SECRET_KEY is unset: using a random key; console logins end when this process does")
        return process_key()
    if len(secret.encode()) < MIN_KEY_BYTES:
        raise WeakSecretKey(f"WEB_SECRET_KEY must have at least {MIN_KEY_BYTES} bytes "
                            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))')")
    return secret.encode()


def _error_page(request: Request, error: Exception) -> Response:
    """Our own Chinese detail when a route gave one, else the plain message for the status."""
    status = getattr(error, "status_code", 404)
    detail = str(getattr(error, "detail", "") or "")
    message = detail if detail and not detail.isascii() else ERRORS.get(status, "出错了。")
    return render(request, "error.html", {"message": message, "status": status}, status_code=status)


def create_app() -> Starlette:
    """Build the console; WEB_SECRET_KEY signs the session cookies (a random key per process when unset)."""
    codec = SessionCodec(session_key())
    routes = [*health.routes, *login.routes, *account.routes, *queue.routes, *lead.routes, *casework.routes,
              *evidence.routes, *audit_log.routes, *exports.routes, *stats.routes,
              Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static")]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(ConsoleGuard, codec=codec, owner_of=session_owner,
                               secure_cookies=get_settings().web_cookie_secure)],
        exception_handlers={403: _error_page, 404: _error_page},
    )
    app.state.passwords = login.PasswordPool()
    app.state.codec = codec
    app.state.secure_cookies = get_settings().web_cookie_secure
    return app
