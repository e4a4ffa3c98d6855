"""Bundle start-up: process start to first paint, the bundled app against the app from source.

Both are launched as fresh processes, alternating, 9 times each (after one warm-up each); the
medians and their ratio are printed (budget: bundle ≤ 1.2 × source). Builds the bundle first if
the sources changed (bundle/build.py caches it).

    .venv/bin/python benchmarks/bundle_startup.py [--runs 9]     (QT_QPA_PLATFORM as you like)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "pfrelax-ready"
SOURCE = [
    sys.executable,
    "-c",
    "import sys; from pfrelax.launch import run_app; sys.exit(run_app([]))",
]


def cpu_so_far(pid: int) -> float:
    """CPU time (user + system, all threads) a running process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_paint(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds to the first paint, CPU seconds used by then)."""
    started = time.perf_counter()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(MARKER):
                elapsed = time.perf_counter() - started
                cpu = cpu_so_far(process.pid)
                process.wait(timeout=30)
                return elapsed, cpu
        process.wait(timeout=30)
    raise SystemExit(f"{command[0]}: no first-paint marker (exit code {process.returncode})")


def unpack_bundle(into: Path) -> list[str]:
    subprocess.run([sys.executable, str(ROOT / "bundle" / "build.py")], check=True)
    (archive,) = sorted((ROOT / "dist").glob("pfrelax-*-linux-*.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="tar")
    (top,) = into.iterdir()
    return [str(top / "app" / "pfrelax")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "")
    with tempfile.TemporaryDirectory() as scratch:
        bundle = unpack_bundle(Path(scratch) / "bundle")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": platform or "offscreen",
            "PFRELAX_HOME": str(Path(scratch) / "home"),
            "PFRELAX_BENCH_STARTUP": "1",
            # The source app as a developer's checkout runs it: bytecode cached between runs.
            "PYTHONPYCACHEPREFIX": str(Path(scratch) / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        first_paint(SOURCE, env)  # warm-up: bytecode, font and file caches
        first_paint(bundle, env)
        source_runs: list[tuple[float, float]] = []
        bundle_runs: list[tuple[float, float]] = []
        for run in range(args.runs):
            # Alternate which goes first, so neither always inherits the other's warm caches.
            pair = [(source_runs, SOURCE), (bundle_runs, bundle)]
            for runs, command in pair if run % 2 == 0 else reversed(pair):
                runs.append(first_paint(command, env))
    load = os.getloadavg()[0]
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} runs each (load average {load:.1f})")
    report("wall time to first paint, median", source_runs, bundle_runs, 0, statistics.median)
    report("wall time to first paint, fastest", source_runs, bundle_runs, 0, min)
    # CPU time hardly depends on what else the machine is doing: the steadier comparison.
    report("CPU time to first paint, median", source_runs, bundle_runs, 1, statistics.median)


def report(
    what: str,
    source_runs: list[tuple[float, float]],
    bundle_runs: list[tuple[float, float]],
    index: int,
    pick: Callable[[list[float]], float],
) -> None:
    source = pick([run[index] for run in source_runs])
    packed = pick([run[index] for run in bundle_runs])
    print(f"{what}: source {source * 1000:.0f} ms, bundle {packed * 1000:.0f} ms, ", end="")
    print(f"ratio {packed / source:.2f} ×")


if __name__ == "__main__":
    main()
