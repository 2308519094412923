"""The console's command line for real: accounts from a script, the web server over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.store import console_sessions
from bot.store.session import session_factory
from bot.store.staff import check_password, find_account

ROOT = Path(__file__).resolve().parent.parent


def _bot(args, db_url, stdin=""):
    env = {**os.environ, "DATABASE_URL": db_url}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_staff_add_reads_the_password_from_stdin(sqlite_url):
    done = _bot(["staff", "add", "李娟", "--role", "supervisor", "--password-stdin"], sqlite_url, "a long password\n")
    assert done.returncode == 0, done.stderr
    with session_factory(sqlite_url)() as session:
        account = find_account(session, "李娟")
        assert account.role == "supervisor" and check_password("a long password", account.password_hash)
        assert "a long password" not in account.password_hash
    again = _bot(["staff", "add", "李娟", "--password-stdin"], sqlite_url, "another long password\n")
    assert again.returncode == 2 and "exists" in again.stderr
    short = _bot(["staff", "add", "王强", "--password-stdin"], sqlite_url, "short\n")
    assert short.returncode == 2 and "10" in short.stderr


def test_web_serves_the_login_page_and_nothing_else_without_a_login(sqlite_url):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": sqlite_url}
    server = subprocess.Popen([sys.executable, "-m", "bot", "web", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()[-2000:]
            time.sleep(0.3)
        login = httpx.get(f"http://127.0.0.1:{port}/login")
        queue = httpx.get(f"http://127.0.0.1:{port}/", follow_redirects=False)
        assert login.status_code == 200 and "登录" in login.text
        assert queue.status_code in (302, 303) and queue.headers["location"].endswith("/login")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_staff_list_disable_enable_and_reset_password(sqlite_url):
    assert _bot(["staff", "add", "王强", "--password-stdin"], sqlite_url, "a long password\n").returncode == 0
    with session_factory(sqlite_url)() as session:
        account = find_account(session, "王强")
        sid = console_sessions.start(session, account)
    listed = _bot(["staff", "list"], sqlite_url)
    assert listed.returncode == 0 and "王强\tstaff\tactive" in listed.stdout
    disabled = _bot(["staff", "disable", "王强"], sqlite_url)
    assert disabled.returncode == 0 and "disabled" in _bot(["staff", "list"], sqlite_url).stdout
    assert _bot(["staff", "enable", "王强"], sqlite_url).returncode == 0
    with session_factory(sqlite_url)() as session:
        assert console_sessions.resolve(session, sid) is None  # disabling ended it; enabling does not revive it
        sid = console_sessions.start(session, find_account(session, "王强"))
    reset = _bot(["staff", "reset-password", "王强", "--password-stdin"], sqlite_url, "another long password\n")
    assert reset.returncode == 0, reset.stderr
    with session_factory(sqlite_url)() as session:
        account = find_account(session, "王强")
        assert check_password("another long password", account.password_hash) and account.active
        assert console_sessions.resolve(session, sid) is None
    assert _bot(["staff", "disable", "nobody"], sqlite_url).returncode == 2


def test_web_refuses_a_short_secret_key(sqlite_url):
    env = {**os.environ, "DATABASE_URL": sqlite_url, "WEB_SECRET_KEY": "four"}
    done = subprocess.run([sys.executable, "-m", "bot", "web", "--port", "1"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "32 bytes" in done.stderr
