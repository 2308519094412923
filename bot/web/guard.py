"""One gate in front of every route: read the session, refuse strangers, check CSRF, write the cookie.

Default deny: a route is public only if it is listed in PUBLIC_PATHS / PUBLIC_PREFIXES, so a page
added later cannot be forgotten. POST bodies are read here once (for the CSRF token) and replayed to
the route, which finds the parsed form in request.state.form.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Tuple
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.forms import MAX_FORM_BYTES, FormTooLarge, parse_form
from bot.web.sessions import COOKIE_NAME, SessionCodec, cookie_header, csrf_matches, new_session

PUBLIC_PATHS = ("/login", "/healthz")
PUBLIC_PREFIXES = ("/static/",)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Pages show workers' personal data: never cached, never framed, no scripts but our own.
SECURITY_HEADERS: List[Tuple[bytes, bytes]] = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
     b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
]

# session id -> (name, role) of the active account it belongs to, or None when the session is over
# (bot/web/app.py looks it up in the database).
OwnerLookup = Callable[[str], Optional[Tuple[str, str]]]


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def _needs_no_account(path: str) -> bool:
    """Static files and the health check: no database look-up for them."""
    return path == "/healthz" or path.startswith(PUBLIC_PREFIXES)


class ConsoleGuard:
    """ASGI middleware; see the module docstring."""

    def __init__(self, app: ASGIApp, codec: SessionCodec, owner_of: OwnerLookup, secure_cookies: bool = False) -> None:
        self.app = app
        self.codec = codec
        self.owner_of = owner_of
        self.secure_cookies = secure_cookies  # WEB_COOKIE_SECURE: behind an HTTPS proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        session = self.codec.load(request.cookies.get(COOKIE_NAME))
        if session is not None and session.get("sid") and not _needs_no_account(scope["path"]):
            # Who is logged in comes from the server: a session ended by logout, deactivation or a new
            # password is gone at once, and a changed role applies at once.
            owner = await run_in_threadpool(self.owner_of, session["sid"])
            session = None if owner is None else {**session, "staff": owner[0], "role": owner[1]}
        started = session is None
        session = session or new_session()
        state = scope.setdefault("state", {})
        state["session"] = session
        reply = self._send_with_cookie(scope, send, state, session, started)

        method = scope["method"]
        if not is_public(scope["path"]) and not session.get("staff"):
            await self._refuse_stranger(request, method)(scope, receive, reply)
            return
        if method not in SAFE_METHODS:
            try:
                body = await _read_body(receive)
            except FormTooLarge:
                await PlainTextResponse("提交的内容太长", status_code=413)(scope, receive, reply)
                return
            form = parse_form(body, request.headers.get("content-type"))
            if not csrf_matches(session, form.get("csrf")):
                await PlainTextResponse("页面已过期或来源不明（CSRF 校验失败），请刷新页面后重试。",
                                        status_code=403)(scope, receive, reply)
                return
            state["form"] = form
            receive = _replay(body, receive)
        await self.app(scope, receive, reply)

    @staticmethod
    def _refuse_stranger(request: Request, method: str) -> Response:
        if method in ("GET", "HEAD"):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            where = "/login" if target == "/" else f"/login?next={quote(target, safe='')}"
            return RedirectResponse(where, status_code=303)
        return PlainTextResponse("请先登录", status_code=403)

    def _send_with_cookie(self, scope: Scope, send: Send, state: dict, session: dict, started: bool) -> Send:
        """send, adding the cookie when the session is new or a route replaced it, and the security headers."""
        secure = self.secure_cookies or scope.get("scheme") == "https"

        async def reply(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                current = state.get("session", session)
                if started or current is not session:
                    headers.append((b"set-cookie", cookie_header(self.codec, current, secure).encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        return reply


async def _read_body(receive: Receive) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            raise FormTooLarge()
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the already-read body to the route, then passes on what the server sends."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
