"""Parallel password guesses against the real console server (uvicorn, over HTTP), on SQLite and PostgreSQL.

Attempts are counted before any password is checked, in one UPDATE: however many arrive at
once, at most five passwords are ever looked at for a name from one address, attempts are
audited until the address is far past its limit, and none of them breaks the server.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.store import audit
from bot.store.session import session_factory
from bot.store.staff import add_account
from bot.store.throttle import PER_ADDRESS, PER_NAME_AND_ADDRESS

pytestmark = pytest.mark.security

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "the right long password"
GUESSES = 100


def _serve(database_url: str, log: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database_url, "WEB_SECRET_KEY": "k" * 40}
    server = subprocess.Popen([sys.executable, "-m", "bot", "web", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=log.open("w"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.3)


async def _flood(base: str):
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        page = await client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)

        async def guess(password: str):
            return await client.post("/login", data={"csrf": csrf, "name": "li", "password": password})

        tries = [guess(f"wrong guess {n}") for n in range(GUESSES)]
        tries.insert(GUESSES // 2, guess(PASSWORD))
        answers = await asyncio.gather(*tries)
        late = await guess(PASSWORD)
        return answers, late


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_hundred_parallel_guesses_check_at_most_five_passwords(backend, request, tmp_path):
    url = f"sqlite:///{tmp_path / 'flood.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    with session_factory(url)() as session:
        add_account(session, "li", "staff", PASSWORD)
    server, base = _serve(url, tmp_path / "server.log")
    try:
        answers, late = asyncio.run(_flood(base))
    finally:
        server.terminate()
        server.wait(timeout=30)
    statuses = [a.status_code for a in answers]
    assert all(status < 500 for status in statuses), (sorted(set(statuses)), (tmp_path / "server.log").read_text())
    assert statuses.count(303) <= 1 and late.status_code in (303, 401)
    with session_factory(url)() as session:
        entries = [e for e in audit.entries(session, limit=1000) if e.actor == "li"]
    checked = [e for e in entries if e.action == "login" or e.detail.get("reason") == "wrong_password"]
    # every attempt audited until the address is far past its limit; a flood is not written down one by one
    assert len(entries) == 2 * PER_ADDRESS
    if statuses.count(303) == 1:  # the right password came among the first five: the owner is in, and their
        assert len(checked) <= 2 * PER_NAME_AND_ADDRESS + 2  # success gave the name's five tries back once
    else:
        assert len(checked) <= PER_NAME_AND_ADDRESS and late.status_code == 401  # right password, too late
