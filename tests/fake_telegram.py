"""A small fake Telegram Bot API server on 127.0.0.1 for tests with the real python-telegram-bot client.

It serves updates through getUpdates as Telegram does (long polling with an
offset), answers the methods the bot calls, serves files for download, and
records every request so tests can assert what the bot sent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import threading
import time
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

TOKEN = "123456:TEST-token"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "欠薪登记", "username": "arrears_test_bot"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeTelegram:
    def __init__(self) -> None:
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/bot"
        self.calls: List[Dict[str, Any]] = []
        self.files: Dict[str, bytes] = {}
        self._updates: List[Dict[str, Any]] = []
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._server: Optional[uvicorn.Server] = None

    # --- test side ---------------------------------------------------------------------------

    def push(self, update: Dict[str, Any]) -> Dict[str, Any]:
        """Queue an update (update_id added unless given); returns it."""
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        with self._lock:
            self._updates.append(update)
        return update

    def message(self, chat_id: int, text: Optional[str] = None, language_code: str = "zh-hans",
                **extra: Any) -> Dict[str, Any]:
        """A message update from a private chat, as Telegram sends it."""
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private", "first_name": "工友"},
                   "from": {"id": chat_id, "is_bot": False, "first_name": "工友", "language_code": language_code}}
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        message.update(extra)
        return self.push({"message": message})

    def add_file(self, file_id: str, data: bytes) -> Dict[str, Any]:
        self.files[file_id] = data
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(data)}

    def sent(self, method: str = "sendMessage", chat_id: Optional[int] = None) -> List[Dict[str, Any]]:
        with self._lock:
            return [c for c in self.calls if c["method"] == method
                    and (chat_id is None or str(c.get("chat_id")) == str(chat_id))]

    def texts(self, chat_id: Optional[int] = None) -> List[str]:
        return [c["text"] for c in self.sent("sendMessage", chat_id)]

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; bot sent: {self.texts()}")
            await asyncio.sleep(0.05)

    # --- server side -------------------------------------------------------------------------

    async def _method(self, request: Request) -> Response:
        method = request.path_params["method"]
        if request.path_params["token"] != TOKEN:
            return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401)
        if request.headers.get("content-type", "").startswith("application/json"):
            params = await request.json()
        else:
            body = (await request.body()).decode()
            params = {k: _decode(v[-1]) for k, v in parse_qs(body, keep_blank_values=True).items()}
        with self._lock:
            self.calls.append({"method": method, **params})
        return JSONResponse({"ok": True, "result": await self._result(method, params)})

    async def _result(self, method: str, params: Dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
            while True:
                with self._lock:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                    ready = list(self._updates)
                if ready or time.monotonic() >= deadline:
                    return ready
                await asyncio.sleep(0.02)
        if method == "sendMessage":
            return {"message_id": next(self._message_ids), "date": int(time.time()), "text": params.get("text"),
                    "chat": {"id": int(params["chat_id"]), "type": "private"}, "from": BOT_USER}
        if method == "getFile":
            file_id = params["file_id"]
            return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(self.files[file_id]),
                    "file_path": f"documents/{file_id}"}
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # sendChatAction, deleteWebhook, setWebhook, setMyCommands, close ...

    async def _file(self, request: Request) -> Response:
        file_id = request.path_params["path"].rsplit("/", 1)[-1]
        if request.path_params["token"] != TOKEN or file_id not in self.files:
            return Response(status_code=404)
        return Response(self.files[file_id], media_type="application/octet-stream")

    def start(self) -> FakeTelegram:
        app = Starlette(routes=[
            Route("/bot{token}/{method}", self._method, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", self._file),
        ])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off", ws="none")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake Telegram server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
