"""`make run`: the terminal chat, the staff console and (with a token) the Telegram channel.

The dialogue runs in this process (the trained model with our actions in-process, as
`converse` and the Telegram channel run it), so no Rasa HTTP API and no action server
listen anywhere: nothing a stranger could use to read conversations, replace the model
or file forged leads. The console binds to WEB_HOST (127.0.0.1 unless set otherwise).
Ctrl-C (or end of input) stops everything.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from typing import List

from bot.engine import load_agent, reply
from bot.settings import PROJECT_ROOT, get_settings

READY = "已连接。直接输入文字聊天，Ctrl-C 或 Ctrl-D 退出。"


def _print_reply(messages: list) -> None:
    for message in messages:
        if message.get("text"):
            print(f"助手: {message['text']}")
        for button in message.get("buttons") or []:
            print(f"      [{button.get('title')}]")
    sys.stdout.flush()


def chat() -> None:
    """Talk to the dialogue from the terminal, one line a message."""
    loop = asyncio.new_event_loop()
    agent = load_agent()
    sender = f"local-{uuid.uuid4().hex[:8]}"
    print(READY, flush=True)
    try:
        while True:
            try:
                text = input("您: ")
            except EOFError:
                return
            _print_reply(loop.run_until_complete(reply(agent, sender, text, channel="cli")))
    finally:
        loop.close()


def _helpers() -> List[subprocess.Popen]:
    """The console, and the Telegram channel when a bot token is set, as child processes."""
    settings = get_settings()
    processes = [subprocess.Popen([sys.executable, "-m", "bot", "web"], cwd=PROJECT_ROOT)]
    if settings.telegram_bot_token:
        processes.append(subprocess.Popen([sys.executable, "-m", "bot", "telegram"], cwd=PROJECT_ROOT))
    return processes


def run() -> int:
    settings = get_settings()
    print(f"启动中（数据库：{settings.database_url.split('://')[0]}）……", flush=True)
    print(f"工作人员后台：http://{settings.web_host}:{settings.web_port}/ （账号：python -m bot staff add 名字）",
          flush=True)
    processes = _helpers()
    try:
        chat()
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0
