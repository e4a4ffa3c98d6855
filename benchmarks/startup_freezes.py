"""Start-up freezes: the longest the GUI thread was busy in the 2 s after the first paint.

A 5 ms timer runs from the first paint; the largest gap between its ticks is the longest freeze
(budget: none over 50 ms). Each run is a fresh process (the app as `pfrelax` starts it: the
library read off the GUI thread, then the database and the pack importer); the median and the
worst of the runs are printed, and for each run the app's own after-first-paint steps that ran
in its longest freeze (wall and GUI-thread CPU).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup_freezes.py [--runs 5] [--years 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

WATCH_MS = 2000

# Runs in the child: the app's own start (run_app), watched by a 5 ms timer from the first paint.
CHILD = """
import json, sys, time
from PySide6.QtCore import QTimer
import pfrelax.app as app_module
import pfrelax.launch as launch
import pfrelax.ui.first_paint as first_paint
from pfrelax.ui.first_paint import AfterFirstPaint

# Each step after the first paint, timed: (name, start ms from the first paint, wall ms,
# GUI-thread CPU ms).
steps = []
started = [0.0]

def timed(name, step):
    def run(*args):
        wall, cpu = time.perf_counter(), time.thread_time()
        result = step(*args)
        steps.append((name, (wall - started[0]) * 1000, (time.perf_counter() - wall) * 1000,
                      (time.thread_time() - cpu) * 1000))
        return result
    return run

plain_one_turn_each = first_paint.one_turn_each
def one_turn_each(*parts):
    return plain_one_turn_each(*[timed(getattr(p, "__qualname__", "step"), p) for p in parts])
launch.one_turn_each = one_turn_each
launch.fill_library = timed("fill_library", launch.fill_library)

app = launch.create_application([])
composition = launch.build(app, complete=False)  # as run_app: the rest after the paint
launch.Composition.complete = timed("complete", launch.Composition.complete)
gaps = []

def watch():
    started[0] = time.perf_counter()
    last = [started[0]]
    def tick():
        now = time.perf_counter()
        gaps.append(((last[0] - started[0]) * 1000, (now - last[0]) * 1000))
        last[0] = now
    timer = QTimer(app)
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    def done():
        print("gaps " + json.dumps(gaps), flush=True)
        print("steps " + json.dumps(steps), flush=True)
        app.quit()
    QTimer.singleShot(WATCH_MS, done)
    launch.after_first_paint(composition)

AfterFirstPaint(composition.window, watch)
composition.window.show()
sys.exit(app.exec())
""".replace("WATCH_MS", str(WATCH_MS))


Step = tuple[str, float, float, float]  # name, start, wall, CPU (ms)


def longest_freeze(env: dict[str, str]) -> tuple[float, list[Step]]:
    """The longest gap (ms) and the app's steps that ran in it."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=60
    )
    found: dict[str, list[list[Any]]] = {}
    for line in result.stdout.splitlines():
        kind, _, rest = line.partition(" ")
        if kind in ("gaps", "steps"):
            found[kind] = json.loads(rest)
    if "gaps" not in found:
        raise SystemExit(f"no gaps reported (exit {result.returncode}): {result.stderr[-2000:]}")
    start, length = max(found["gaps"], key=lambda gap: gap[1])
    inside = [
        (str(name), at, wall, cpu)
        for name, at, wall, cpu in found.get("steps", [])
        if at < start + length and at + wall > start
    ]
    return length, inside


def fill_history(home: Path, years: int) -> None:
    """A daily run with its check-ins for `years` (history_store.py's), in `home`'s history."""
    os.environ["PFRELAX_HOME"] = str(home)
    import history_store  # type: ignore[import-not-found]  # beside this file

    from pfrelax import paths
    from pfrelax.store.db import open_database

    history_store.DAYS = years * 365 + years // 4
    db = open_database(paths.database_path())
    history_store.bulk_load(db)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--years", type=int, default=0, help="a history of this many years of daily use first"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        if args.years:
            fill_history(Path(home), args.years)
        config = Path(home) / "config"
        config.mkdir()
        # The first-run note is a modal dialog: seen already, as on every start but the first.
        (config / "settings.json").write_text(json.dumps({"disclaimer_seen": True}))
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "PFRELAX_HOME": home,
            "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache"),  # compiled once, as installed
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        longest_freeze(env)  # warm-up: bytecode and font caches
        runs = [longest_freeze(env) for _ in range(args.runs)]
    freezes = [length for length, _ in runs]
    history = f", a {args.years}-year history" if args.years else ""
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} runs{history}, ", end="")
    print(f"{os.getloadavg()[0]:.2f} load")
    print(f"longest GUI-thread freeze in the {WATCH_MS / 1000:.0f} s after first paint: ", end="")
    print(f"median {statistics.median(freezes):.0f} ms, worst {max(freezes):.0f} ms (budget ≤ 50)")
    print("each run's longest, and the app's steps in it (wall / GUI-thread CPU):")
    for length, inside in runs:
        named = ", ".join(f"{name} {wall:.0f}/{cpu:.0f} ms" for name, _, wall, cpu in inside)
        print(f"  {length:3.0f} ms: {named or 'between steps (a paint, a layout, the machine)'}")


if __name__ == "__main__":
    main()
