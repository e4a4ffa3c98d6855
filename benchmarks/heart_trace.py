"""CPU of `pfrelax play` with the live heart trace (the demo source) next to without, in one run.

Under one Xvfb (1280×800, software rendering), like `side_by_side.py`: each round plays the same
slow session in the orb style with heart rate off and with the demo source on (a simulated
person, its trace under the breathing), in an order rotated each round. Each settles for a few
seconds, then its CPU (all threads, from /proc) is read over the measuring window. The ratio
within the run is the figure that counts on a shared machine.

    .venv/bin/python benchmarks/heart_trace.py [--seconds 20] [--rounds 3] [--settle 4]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from pathlib import Path

from side_by_side import PFRELAX, SESSION, cpu_percent, start_xvfb, write_home

PROGRAMS = {"orb, heart off": "off", "orb, heart trace (demo)": "demo"}


def measure(program: str, workdir: Path, display: str, settle: float, seconds: float) -> float:
    """CPU % of one core `pfrelax play` uses over `seconds`, after `settle` seconds."""
    home = workdir / PROGRAMS[program]
    write_home(home, "orb", False)
    settings_file = home / "config" / "settings.json"
    settings = json.loads(settings_file.read_text())
    settings["heart_source"] = PROGRAMS[program]
    settings_file.write_text(json.dumps(settings))
    argv = [PFRELAX, "play", str(workdir / "bench.toml")]
    cpu, _sound = cpu_percent(program, argv, home, workdir, display, settle, seconds)
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measure each this long (20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, order rotated (3)")
    parser.add_argument("--settle", type=float, default=4.0, help="start-up to skip (4 s)")
    args = parser.parse_args()
    names = list(PROGRAMS)
    results: dict[str, list[float]] = {name: [] for name in names}
    xvfb, display = start_xvfb()
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory() as work:
            workdir = Path(work)
            (workdir / "bench.toml").write_text(SESSION)
            for round_ in range(args.rounds):
                for name in names[round_ % 2 :] + names[: round_ % 2]:
                    results[name].append(measure(name, workdir, display, args.settle, args.seconds))
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    load_after = os.getloadavg()
    print(f"Xvfb 1280x800x24, {args.rounds} rounds × {args.seconds:.0f} s, order rotated")
    before, after = (" ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after))
    print(f"load average (1, 5, 15 min) before {before}, after {after}")
    off = statistics.median(results[names[0]])
    print(f"{'program':<26}{'CPU %':>8}{'÷ off':>8}   rounds")
    for name, values in results.items():
        median = statistics.median(values)
        rounds = " ".join(f"{v:4.1f}" for v in values)
        print(f"{name:<26}{median:8.1f}{median / off:8.2f}   {rounds}")


if __name__ == "__main__":
    main()
