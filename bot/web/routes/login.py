"""Logging in and out.

Every failure looks the same (one message, one status, at least MIN_FAILURE_SECONDS), whether the
name exists, the password was wrong or the attempts ran out, so nothing tells a stranger which
names are real. Attempts are limited per name and client address and per address
(bot/store/throttle.py). Password hashing runs in a small thread pool with a bounded queue, so a
flood of logins cannot take the event loop or the threads that serve logged-in staff.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any, Callable, Optional

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.store import audit, console_sessions, throttle
from bot.store.session import open_session
from bot.store.staff import find_account, verify
from bot.web.forms import form_of, text
from bot.web.rendering import render
from bot.web.sessions import DEVICE_COOKIE, DEVICE_SECONDS, current, log_in, log_out

WRONG = (f"用户名或密码不正确。同一账户连续输错 {throttle.PER_DEVICE} 次后，"
         f"需等待 {int(throttle.WINDOW.total_seconds() // 60)} 分钟再试。")
MISSING = "请输入用户名和密码。"
BUSY = "登录的人太多，请稍后再试。"
MIN_FAILURE_SECONDS = 0.4  # longer than a password check, so a refusal without one is not faster


class PasswordPool:
    """At most `threads` password checks at once and `waiting` more queued; past that, refuse."""

    def __init__(self, threads: int = 2, waiting: int = 32) -> None:
        self._limiter: Optional[anyio.CapacityLimiter] = None
        self._threads = threads
        self._max_waiting = waiting
        self._waiting = 0

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        if self._limiter is None:  # created inside the server's event loop
            self._limiter = anyio.CapacityLimiter(self._threads)
        if self._waiting >= self._max_waiting:
            raise PoolBusy()
        self._waiting += 1
        try:
            return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)
        finally:
            self._waiting -= 1


class PoolBusy(RuntimeError):
    pass


def safe_next(target: str) -> str:
    """Only a path on this site (never //other.host or back to /login) is a place to go after logging in."""
    if not target.startswith("/") or target.startswith(("//", "/\\")) or target.startswith("/login"):
        return "/"
    return target


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def login_page(request: Request) -> Response:
    target = safe_next(request.query_params.get("next", "/"))
    if current(request).get("staff"):
        return RedirectResponse(target, status_code=303)
    return render(request, "login.html", {"next": target, "name": "", "error": None})


def count_attempt(name: str, address: str, device: Optional[str] = None) -> throttle.Verdict:
    """Count a password attempt (see bot/store/throttle.py); the verdict says whether to check it."""
    with open_session() as session:
        return throttle.take_attempt(session, name, address, device)


def _check_password(name: str, password: str) -> bool:
    with open_session() as session:
        return verify(session, name, password) is not None


def _finish(name: str, address: str, device: Optional[str], verdict: throttle.Verdict, right: bool) -> Optional[str]:
    """Audit the attempt (a flood is not written down one by one); on success give the tries back and start
    a console session (its id)."""
    with open_session() as session:
        if not right:
            if verdict is not throttle.Verdict.FLOOD:
                reason = "wrong_password" if verdict is throttle.Verdict.ALLOWED else "too_many_attempts"
                audit.record(session, name, "login_failed", reason=reason)
            return None
        throttle.give_back(session, name, address, device)
        account = find_account(session, name)
        audit.record(session, account.name, "login")
        return console_sessions.start(session, account)


def known_device(request: Request, name: str) -> Optional[str]:
    """The device id when this browser has logged in to this account before (signed cookie)."""
    value = request.app.state.codec.unsign(request.cookies.get(DEVICE_COOKIE))
    if value and value.partition(":")[0] == name.casefold():
        return value
    return None


async def attempt(pool: PasswordPool, name: str, password: str, address: str,
                  device: Optional[str] = None) -> Optional[str]:
    """The id of a new console session, or None. The attempt is counted before the password is looked
    at, and only counted attempts reach the (bounded) password pool."""
    verdict = await run_in_threadpool(count_attempt, name, address, device)
    right = verdict is throttle.Verdict.ALLOWED and await pool.run(_check_password, name, password)
    return await run_in_threadpool(_finish, name, address, device, verdict, right)


async def login_submit(request: Request) -> Response:
    started = time.monotonic()
    form = form_of(request)
    name, password = text(form, "name")[:60], form.get("password", "")[:200]
    target = safe_next(text(form, "next") or "/")
    if not name or not password:
        return _refused(request, name, target, MISSING)
    device = known_device(request, name)
    try:
        session_id = await attempt(request.app.state.passwords, name, password, client_address(request), device)
    except PoolBusy:
        return _refused(request, name, target, BUSY, status_code=503)
    if session_id is None:
        await asyncio.sleep(max(0.0, MIN_FAILURE_SECONDS - (time.monotonic() - started)))
        return _refused(request, name, target, WRONG)
    log_in(request, session_id)
    response = RedirectResponse(target, status_code=303)
    device = device or f"{name.casefold()}:{secrets.token_urlsafe(16)}"
    response.set_cookie(DEVICE_COOKIE, request.app.state.codec.sign(device, DEVICE_SECONDS), max_age=DEVICE_SECONDS,
                        httponly=True, samesite="lax", secure=request.app.state.secure_cookies
                        or request.url.scheme == "https")
    return response


def logout(request: Request) -> Response:
    session = current(request)
    with open_session() as db:
        console_sessions.end(db, session["sid"])
        audit.record(db, session["staff"], "logout")
    log_out(request)
    return RedirectResponse("/login", status_code=303)


def _refused(request: Request, name: str, target: str, error: str, status_code: int = 401) -> Response:
    return render(request, "login.html", {"next": target, "name": name, "error": error}, status_code=status_code)


routes = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login_submit, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
]
