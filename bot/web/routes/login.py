"""Logging in and out: scrypt-checked passwords, lock-out after five failures, both audited."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.store import audit
from bot.store.session import open_session
from bot.store.staff import LOCK_OUT, MAX_FAILED_LOGINS, authenticate, is_locked
from bot.web.forms import form_of, text
from bot.web.rendering import render
from bot.web.sessions import current, log_in, log_out

WRONG = "用户名或密码不正确。"
LOCKED = (f"密码连续输错 {MAX_FAILED_LOGINS} 次，该账户已锁定 {int(LOCK_OUT.total_seconds() // 60)} 分钟。"
          "请稍后再试，或联系主管。")
MISSING = "请输入用户名和密码。"


def safe_next(target: str) -> str:
    """Only a path on this site (never //other.host or back to /login) is a place to go after logging in."""
    if not target.startswith("/") or target.startswith(("//", "/\\")) or target.startswith("/login"):
        return "/"
    return target


def login_page(request: Request) -> Response:
    target = safe_next(request.query_params.get("next", "/"))
    if current(request).get("staff"):
        return RedirectResponse(target, status_code=303)
    return render(request, "login.html", {"next": target, "name": "", "error": None})


def login_submit(request: Request) -> Response:
    form = form_of(request)
    name, password = text(form, "name")[:60], form.get("password", "")
    target = safe_next(text(form, "next") or "/")
    if not name or not password:
        return _refused(request, name, target, MISSING)
    with open_session() as session:
        if is_locked(session, name):
            audit.record(session, name, "login_failed", reason="locked")
            return _refused(request, name, target, LOCKED)
        account = authenticate(session, name, password)
        if account is None:
            locked = is_locked(session, name)  # this failure may have been the fifth
            audit.record(session, name, "login_failed", reason="locked" if locked else "wrong_password")
            return _refused(request, name, target, LOCKED if locked else WRONG)
        audit.record(session, account.name, "login")
        log_in(request, account.name, account.role)
    return RedirectResponse(target, status_code=303)


def logout(request: Request) -> Response:
    with open_session() as session:
        audit.record(session, current(request)["staff"], "logout")
    log_out(request)
    return RedirectResponse("/login", status_code=303)


def _refused(request: Request, name: str, target: str, error: str) -> Response:
    return render(request, "login.html", {"next": target, "name": name, "error": error}, status_code=401)


routes = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login_submit, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
]
