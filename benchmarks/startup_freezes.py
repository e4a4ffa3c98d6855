"""Start-up freezes: the longest the GUI thread was busy in the 2 s after the first paint.

A 5 ms timer runs from the first paint; the largest gap between its ticks is the longest freeze
(budget: none over 50 ms). Each run is a fresh process (the app as `pfrelax` starts it: the
library read off the GUI thread, then the database and the pack importer); the median and the
worst of the runs are printed, and the app's own after-first-paint steps, timed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup_freezes.py [--runs 5]
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

WATCH_MS = 2000

# Runs in the child: the app's own start (run_app), watched by a 5 ms timer from the first paint.
CHILD = """
import sys, time
from PySide6.QtCore import QTimer
import pfrelax.app as app_module
import pfrelax.launch as launch
from pfrelax.ui.first_paint import AfterFirstPaint

app = launch.create_application([])
composition = app_module.build(app)
gaps = []

def watch():
    last = [time.perf_counter()]
    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
    timer = QTimer(app)
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    def done():
        print("gaps " + " ".join(f"{g * 1000:.1f}" for g in gaps), flush=True)
        app.quit()
    QTimer.singleShot(WATCH_MS, done)
    launch.after_first_paint(composition)

AfterFirstPaint(composition.window, watch)
composition.window.show()
sys.exit(app.exec())
""".replace("WATCH_MS", str(WATCH_MS))


def longest_freeze(env: dict[str, str]) -> float:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=60
    )
    for line in result.stdout.splitlines():
        if line.startswith("gaps "):
            return max(float(g) for g in line.split()[1:])
    raise SystemExit(f"no gaps reported (exit {result.returncode}): {result.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
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
        freezes = [longest_freeze(env) for _ in range(args.runs)]
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} runs, {os.getloadavg()[0]:.2f} load")
    print(f"longest GUI-thread freeze in the {WATCH_MS / 1000:.0f} s after first paint: ", end="")
    print(f"median {statistics.median(freezes):.0f} ms, worst {max(freezes):.0f} ms (budget ≤ 50)")


if __name__ == "__main__":
    main()
