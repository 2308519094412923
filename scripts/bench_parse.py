"""Parse latency of the trained model, loaded once (make bench).

Prints p50/p95/p99 per message over the NLU examples in data/nlu.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.cli import _quiet
    from bot.engine import latest_model, load_agent

    _quiet()
    texts = [m.get("text") for m in load_data(str(ROOT / "data/nlu")).training_examples]
    model = latest_model()
    started = time.perf_counter()
    agent = load_agent(model, with_actions=False)
    load_seconds = time.perf_counter() - started

    async def run() -> list:
        timings = []
        for text in texts * 2:  # the first pass warms caches; both passes are counted
            t0 = time.perf_counter()
            await agent.parse_message(text)
            timings.append((time.perf_counter() - t0) * 1000)
        return timings

    timings = sorted(asyncio.run(run()))
    q = statistics.quantiles(timings, n=100)
    print(f"model {model.name}: loaded in {load_seconds:.1f} s; {len(timings)} parses on {os.cpu_count()} cores")
    print(f"parse latency ms: p50 {q[49]:.1f}  p95 {q[94]:.1f}  p99 {q[98]:.1f}  max {timings[-1]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
