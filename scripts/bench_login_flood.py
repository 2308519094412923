"""How a flood of anonymous logins affects staff who are logged in: page latency with and without it.

Starts the real console (`python -m bot web`, uvicorn) on a scratch SQLite database with 300 demo
leads, logs one supervisor in, and times the queue page alone, then while FLOODERS clients post
wrong passwords as fast as they can (all from 127.0.0.1, as an attacker on this machine would).
Prints the figures; docs/security.md quotes them with this command:

    .venv/bin/python scripts/bench_login_flood.py
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOODERS = 50
SAMPLES = 60
PASSWORD = "benchmark password"


def _percentiles(times: List[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms (n={len(ordered)})"


async def _time_pages(client: httpx.AsyncClient) -> List[float]:
    times = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        response = await client.get("/")
        assert response.status_code == 200, response.status_code
        times.append(time.perf_counter() - started)
        await asyncio.sleep(0.05)
    return times


async def _flood(base: str, stop: asyncio.Event, counts: dict) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        csrf = re.search(r'name="csrf" value="([^"]+)"', (await client.get("/login")).text).group(1)
        n = 0
        while not stop.is_set():
            n += 1
            response = await client.post("/login", data={"csrf": csrf, "name": f"guess{n % 7}", "password": f"x{n}"})
            counts[response.status_code] = counts.get(response.status_code, 0) + 1


async def _measure(base: str) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as staff:
        csrf = re.search(r'name="csrf" value="([^"]+)"', (await staff.get("/login")).text).group(1)
        login = await staff.post("/login", data={"csrf": csrf, "name": "bench", "password": PASSWORD})
        assert login.status_code in (200, 303), login.status_code
        quiet = await _time_pages(staff)
        print(f"queue page, no flood:                 {_percentiles(quiet)}")
        stop, counts = asyncio.Event(), {}
        flooders = [asyncio.create_task(_flood(base, stop, counts)) for _ in range(FLOODERS)]
        await asyncio.sleep(2)
        started = time.perf_counter()
        loud = await _time_pages(staff)
        seconds = time.perf_counter() - started
        stop.set()
        await asyncio.gather(*flooders)
        attempts = sum(counts.values())
        print(f"queue page, {FLOODERS} clients flooding /login: {_percentiles(loud)}")
        print(f"login attempts answered during the flood: {attempts} ({attempts / (seconds + 2):.0f}/s), "
              f"statuses {dict(sorted(counts.items()))}")


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/bench.db"
        env = {**os.environ, "DATABASE_URL": url, "WEB_SECRET_KEY": "b" * 40}
        subprocess.run([sys.executable, "-m", "bot", "demo", "--count", "300"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        subprocess.run([sys.executable, "-m", "bot", "staff", "add", "bench", "--role", "supervisor",
                        "--password-stdin"], env=env, cwd=ROOT, check=True, input=PASSWORD + "\n", text=True,
                       capture_output=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "bot", "web", "--port", str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            asyncio.run(_measure(base))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
