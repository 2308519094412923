"""Signed session cookies: {sid, csrf, exp} as JSON, with an HMAC-SHA256 tag.

A logged-in cookie names a server-side session (sid, bot/store/console_sessions.py): who is
logged in and with which role is read from the database on every request, never from the
cookie, so logout and deactivation end a session at once. An anonymous visitor gets a cookie
too (no sid, nothing stored), so the login form carries a CSRF token. The tag (WEB_SECRET_KEY,
at least 32 bytes, or a random key per process when unset) makes the cookie tamper-proof.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from typing import Any, Dict, Optional

from starlette.requests import Request

COOKIE_NAME = "console_session"
# A browser that has logged in to an account before: its own login-attempt counter (bot/store/throttle.py).
DEVICE_COOKIE = "console_device"
DEVICE_SECONDS = 90 * 24 * 60 * 60
MAX_AGE_SECONDS = 12 * 60 * 60  # as console_sessions.LIFETIME
MIN_KEY_BYTES = 32
# Used when WEB_SECRET_KEY is unset: sessions then end when the process does.
_PROCESS_KEY = secrets.token_bytes(32)

Session = Dict[str, Any]


def process_key() -> bytes:
    return _PROCESS_KEY


def new_session(sid: Optional[str] = None, now: Optional[float] = None) -> Session:
    """A fresh session with its own CSRF token; sid=None for an anonymous visitor."""
    now = time.time() if now is None else now
    return {"sid": sid, "csrf": secrets.token_urlsafe(32), "exp": int(now) + MAX_AGE_SECONDS}


class SessionCodec:
    """Turns a session into cookie text and back; anything altered or expired reads as no session."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the session key must have at least {MIN_KEY_BYTES} bytes")
        self._key = key

    def dump(self, session: Session) -> str:
        kept = {key: session.get(key) for key in ("sid", "csrf", "exp")}  # never who or which role
        return self._signed(kept)

    def load(self, token: Optional[str], now: Optional[float] = None) -> Optional[Session]:
        session = self._verified(token, now)
        if session is None or not isinstance(session.get("csrf"), str):
            return None
        if session.get("sid") is not None and not isinstance(session["sid"], str):
            return None
        return session

    def sign(self, value: str, seconds: int) -> str:
        """A tamper-proof token carrying value until it expires (the device cookie)."""
        return self._signed({"v": value, "exp": int(time.time()) + seconds})

    def unsign(self, token: Optional[str]) -> Optional[str]:
        data = self._verified(token)
        return data.get("v") if data is not None and isinstance(data.get("v"), str) else None

    def _signed(self, data: Dict[str, Any]) -> str:
        payload = _b64encode(json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode())
        return f"{payload}.{self._tag(payload)}"

    def _verified(self, token: Optional[str], now: Optional[float] = None) -> Optional[Dict[str, Any]]:
        """The JSON object in a token whose tag is ours and whose exp has not passed; None otherwise."""
        if not token or token.count(".") != 1:
            return None
        payload, tag = token.split(".")
        if not (payload.isascii() and tag.isascii()) or not hmac.compare_digest(tag, self._tag(payload)):
            return None
        try:
            data = json.loads(_b64decode(payload))
        except (ValueError, binascii.Error):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("exp"), int):
            return None
        return data if data["exp"] > (time.time() if now is None else now) else None

    def _tag(self, payload: str) -> str:
        return _b64encode(hmac.new(self._key, payload.encode(), hashlib.sha256).digest())


def cookie_header(codec: SessionCodec, session: Session, secure: bool = False) -> str:
    """The Set-Cookie value: HttpOnly, SameSite=Lax, gone when the session expires."""
    max_age = max(0, session["exp"] - int(time.time()))
    parts = [f"{COOKIE_NAME}={codec.dump(session)}", "Path=/", f"Max-Age={max_age}", "HttpOnly", "SameSite=Lax"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def current(request: Request) -> Session:
    """The session the guard read (or started) for this request."""
    return request.state.session


def staff_name(request: Request) -> str:
    return current(request)["staff"]


def is_supervisor(request: Request) -> bool:
    return current(request).get("role") == "supervisor"


def log_in(request: Request, sid: str) -> None:
    """Replace the session (and its CSRF token) with a logged-in one; the guard writes the cookie."""
    request.state.session = new_session(sid)


def log_out(request: Request) -> None:
    request.state.session = new_session()


def csrf_matches(session: Session, submitted: Optional[str]) -> bool:
    return bool(submitted) and hmac.compare_digest(submitted.encode(), session["csrf"].encode())


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
