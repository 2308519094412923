"""A staff member changes their own password; every other session of theirs ends (a stolen cookie too)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.store import audit, console_sessions
from bot.store.session import open_session
from bot.store.staff import find_account, set_password, verify
from bot.store.throttle import Verdict
from bot.web.forms import form_of
from bot.web.rendering import render
from bot.web.routes.login import client_address, count_attempt, known_device
from bot.web.sessions import current, log_in, staff_name

MISMATCH = "两次输入的新密码不一样。"
TOO_SHORT = "新密码至少要 10 位。"
WRONG_CURRENT = "当前密码不正确。"
CHANGED = "密码已修改。您在其他地方的登录已全部退出。"


def account_page(request: Request) -> Response:
    return render(request, "account.html", {"error": None, "done": False})


def _change(name: str, new_password: str) -> str:
    """Set the password (ending every session of the account) and start a new one for this browser."""
    with open_session() as session:
        account = find_account(session, name)
        set_password(session, account, new_password)
        audit.record(session, name, "change_password")
        return console_sessions.start(session, account)


def _check_current(name: str, password: str) -> bool:
    with open_session() as session:
        return verify(session, name, password) is not None


async def change_password(request: Request) -> Response:
    form, name = form_of(request), staff_name(request)
    old, new, again = (form.get(key, "")[:200] for key in ("current", "new", "again"))
    error = MISMATCH if new != again else TOO_SHORT if len(new) < 10 else None
    if error is None:  # guesses at the current password count against the same limits as logins
        verdict = await run_in_threadpool(count_attempt, name, client_address(request), known_device(request, name))
        if verdict is not Verdict.ALLOWED or not await request.app.state.passwords.run(_check_current, name, old):
            error = WRONG_CURRENT
    if error is not None:
        return render(request, "account.html", {"error": error, "done": False}, status_code=400)
    log_in(request, await run_in_threadpool(_change, name, new))
    current(request)["staff"] = name  # the page below is rendered for the same person
    return render(request, "account.html", {"error": None, "done": True})


routes = [
    Route("/account", account_page, methods=["GET"]),
    Route("/account", change_password, methods=["POST"]),
]
