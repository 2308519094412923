"""`make run`: the Rasa server and the action server together, and a terminal chat.

One command starts both servers; Ctrl-C (or end of input) stops both.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from typing import List

import httpx

from bot.engine import latest_model
from bot.replies import localise
from bot.settings import PROJECT_ROOT, get_settings

ACTION_PORT = 5055  # as in endpoints.yml


def _wait_until_up(url: str, processes: List[subprocess.Popen], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError("a server stopped while starting; see the messages above")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


def _print_reply(messages: list) -> None:
    for message in messages:
        if message.get("text"):
            print(f"助手: {message['text']}")
        for button in message.get("buttons") or []:
            print(f"      [{button.get('title')}]")


def chat(rasa_url: str) -> None:
    """Talk to the Rasa REST channel from the terminal."""
    sender = f"local-{uuid.uuid4().hex[:8]}"
    print("已连接。直接输入文字聊天，Ctrl-C 或 Ctrl-D 退出。")
    with httpx.Client(timeout=60) as client:
        while True:
            try:
                text = input("您: ")
            except EOFError:
                return
            response = client.post(f"{rasa_url}/webhooks/rest/webhook",
                                   json={"sender": sender, "message": text})
            if response.status_code != 200:
                _print_reply([{"text": "（服务暂时不可用，请稍后再试）"}])
                continue
            tracker = client.get(f"{rasa_url}/conversations/{sender}/tracker").json()
            _print_reply(localise(response.json(), (tracker.get("slots") or {}).get("script")))


def run() -> int:
    settings = get_settings()
    model = latest_model()
    processes = [
        subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions",
                          "--port", str(ACTION_PORT)], cwd=PROJECT_ROOT),
        subprocess.Popen([sys.executable, "-m", "bot.rasa_main", "run", "--enable-api", "--model", str(model),
                          "--port", str(settings.rasa_port), "--endpoints", "endpoints.yml",
                          "--credentials", "credentials.yml"], cwd=PROJECT_ROOT),
    ]
    processes.append(subprocess.Popen([sys.executable, "-m", "bot", "web"], cwd=PROJECT_ROOT))  # staff console
    if settings.telegram_bot_token:  # the Telegram channel beside the local chat
        processes.append(subprocess.Popen([sys.executable, "-m", "bot", "telegram"], cwd=PROJECT_ROOT))
    rasa_url = f"http://127.0.0.1:{settings.rasa_port}"
    try:
        print(f"启动中（数据库：{settings.database_url.split('://')[0]}）……")
        print(f"工作人员后台：http://{settings.web_host}:{settings.web_port}/ （账号：python -m bot staff add 名字）")
        _wait_until_up(f"http://127.0.0.1:{ACTION_PORT}/health", processes)
        _wait_until_up(f"{rasa_url}/", processes)
        chat(rasa_url)
    except KeyboardInterrupt:
        pass
    except RuntimeError as problem:
        print(problem, file=sys.stderr)
        return 1
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0
