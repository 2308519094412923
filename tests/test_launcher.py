"""What `make run` starts, for real: it chats, and nothing it starts listens beyond loopback.

No Rasa HTTP API and no action server are started at all (the dialogue runs in the chat's own
process), so there is nothing to read conversations from or to file forged leads through.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Set, Tuple

import psutil
import pytest

from bot.launcher import READY

pytestmark = pytest.mark.security

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "::1"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(root: psutil.Process) -> Set[Tuple[str, int]]:
    """(address, port) of every listening TCP socket of the process and its children."""
    found = set()
    for process in [root, *root.children(recursive=True)]:
        try:
            connections = process.net_connections(kind="inet")
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        found |= {(c.laddr.ip, c.laddr.port) for c in connections if c.status == psutil.CONN_LISTEN}
    return found


def _read_until(stream, marker: str, seconds: float) -> List[str]:
    lines, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            return lines
    raise AssertionError(f"{marker!r} not seen; got {''.join(lines)[-2000:]}")


@pytest.mark.rasa
def test_make_run_chats_and_listens_on_loopback_only(sqlite_url, tmp_path):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": sqlite_url, "WEB_PORT": str(port), "SPOOL_DIR": str(tmp_path / "spool")}
    env.pop("WEB_HOST", None)
    env.pop("TELEGRAM_BOT_TOKEN", None)
    run = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, text=True,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        _read_until(run.stdout, READY, 240)
        deadline = time.monotonic() + 60
        while (("127.0.0.1", port) not in _listening(psutil.Process(run.pid))) and time.monotonic() < deadline:
            time.sleep(0.5)
        run.stdin.write("老板欠我工资不给\n")
        run.stdin.flush()
        answer = _read_until(run.stdout, "助手:", 120)
        listening = _listening(psutil.Process(run.pid))
        assert ("127.0.0.1", port) in listening  # the console is up, so the check below is not vacuous
        assert {address for address, _ in listening} <= LOOPBACK, listening
        assert not {p for _, p in listening} & {5005, 5055}  # no Rasa API, no action server
        assert any("助手:" in line for line in answer)
    finally:
        run.stdin.close()
        run.wait(timeout=60)
        assert run.returncode == 0


def test_every_server_defaults_to_loopback(monkeypatch):
    from bot.settings import get_settings

    for name in ("WEB_HOST", "TELEGRAM_WEBHOOK_LISTEN"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    try:
        settings = get_settings()
        assert settings.web_host == "127.0.0.1" and settings.telegram_webhook_listen == "127.0.0.1"
    finally:
        get_settings.cache_clear()
    code = (ROOT / "bot").rglob("*.py")
    assert not [p for p in code if "0.0.0.0" in p.read_text(encoding="utf-8") or "--enable-api" in p.read_text()]
