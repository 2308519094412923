"""A small fake Telegram Bot API server on 127.0.0.1 for tests with the real python-telegram-bot client.

It serves updates through getUpdates as Telegram does (long polling with an
offset), answers the methods the bot calls, serves files for download (streamed,
counting what was actually sent), and records every request so tests can assert
what the bot sent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
import threading
import time
from typing import Any, AsyncIterator, Callable, Dict, List, Optional, Set
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
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


def _entities(text: str) -> List[Dict[str, Any]]:
    """Commands and @mentions, with offsets in UTF-16 code units as Telegram counts them."""
    def utf16(part: str) -> int:
        return len(part.encode("utf-16-le")) // 2

    found = []
    for match in re.finditer(r"(?<![A-Za-z0-9_@/])(/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]+)", text):
        kind = "bot_command" if match.group().startswith("/") else "mention"
        if kind == "mention" or match.start() == 0:
            found.append({"type": kind, "offset": utf16(text[:match.start()]), "length": utf16(match.group())})
    return found


class FakeTelegram:
    def __init__(self) -> None:
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/bot"
        self.calls: List[Dict[str, Any]] = []
        self.files: Dict[str, bytes] = {}
        self.served: Dict[str, int] = {}  # file id -> bytes sent to the bot
        self._unstated: Set[str] = set()  # files whose size neither the update nor getFile states
        self._too_big: Set[str] = set()  # files getFile refuses as Telegram does above 20 MB
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
                chat_type: str = "private", from_id: Optional[int] = None, edit_of: Optional[int] = None,
                **extra: Any) -> Dict[str, Any]:
        """A message update as Telegram sends it: from a private chat unless chat_type says otherwise
        ("group", "supergroup", "channel"); an edit of message edit_of if given."""
        chat = ({"id": chat_id, "type": "private", "first_name": "工友"} if chat_type == "private"
                else {"id": chat_id, "type": chat_type, "title": "工友群"})
        message = {"message_id": edit_of or next(self._message_ids), "date": int(time.time()), "chat": chat}
        if chat_type != "channel":
            message["from"] = {"id": from_id or chat_id, "is_bot": False, "first_name": "工友",
                               "language_code": language_code}
        if text is not None:
            message["text"] = text
            message["entities"] = _entities(text)
        if edit_of is not None:
            message["edit_date"] = int(time.time())
        if extra.get("caption"):
            message["caption_entities"] = _entities(extra["caption"])
        message.update(extra)
        kind = "channel_post" if chat_type == "channel" else "message"
        return self.push({f"edited_{kind}" if edit_of is not None else kind: message})

    def add_file(self, file_id: str, data: bytes, stated: bool = True, too_big: bool = False) -> Dict[str, Any]:
        """A file the bot can download; stated=False leaves its size out of the update and of getFile,
        too_big=True makes getFile refuse it as Telegram does for files above 20 MB."""
        self.files[file_id] = data
        if not stated:
            self._unstated.add(file_id)
        if too_big:
            self._too_big.add(file_id)
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}", **({"file_size": len(data)} if stated else {})}

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
        if method == "getFile" and params["file_id"] in self._too_big:
            return JSONResponse({"ok": False, "error_code": 400, "description": "Bad Request: file is too big"},
                                status_code=400)
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
            size = {} if file_id in self._unstated else {"file_size": len(self.files[file_id])}
            return {"file_id": file_id, "file_unique_id": f"u-{file_id}", **size, "file_path": f"documents/{file_id}"}
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # sendChatAction, deleteWebhook, setWebhook, setMyCommands, close ...

    async def _file(self, request: Request) -> Response:
        file_id = request.path_params["path"].rsplit("/", 1)[-1]
        if request.path_params["token"] != TOKEN or file_id not in self.files:
            return Response(status_code=404)
        # Streamed without a length, as a server that does not say how big a file is.
        return StreamingResponse(self._chunks(file_id), media_type="application/octet-stream")

    async def _chunks(self, file_id: str, size: int = 64 * 1024) -> AsyncIterator[bytes]:
        data = self.files[file_id]
        for start in range(0, len(data), size):
            chunk = data[start:start + size]
            with self._lock:
                self.served[file_id] = self.served.get(file_id, 0) + len(chunk)
            yield chunk
            await asyncio.sleep(0.001)  # let a client that has had enough hang up

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
