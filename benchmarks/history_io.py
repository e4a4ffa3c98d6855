"""History import and export: time and peak memory for 20 years, and for a million rows.

Writes (untimed) the CSV export of a history, then runs each step in a fresh process so its peak
resident memory can be read from the operating system: `import --csv` into an empty database,
`import --csv` of the same files again (everything already there), `export --csv`, and the same
for one JSON file. Budgets (issue 9): 20 years imports in ≤ 1 s, and memory stays ≤ 100 MB at any
size.

    .venv/bin/python benchmarks/history_io.py [--rows 1000000] [--skip-million]

Exits 1 when a figure is over its budget.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

TWENTY_YEARS_S = 1.0
PEAK_MB = 100.0
MEASURES = ("distress", "pelvic_tension", "mood")
ZONE = timezone(timedelta(hours=1))
FIRST = datetime(2004, 1, 1, 8, 0, tzinfo=ZONE)
RUNS_HEADER = "run_id,session,pack,pack_version,started,ended,seconds,completed\n"
CHECKINS_HEADER = "checkin_id,time,moment,session,measure,value,note\n"

CHILD = """
import json, sys, time
from pathlib import Path
from pfrelax.store.db import open_database
from pfrelax.store.export import export_csv, export_json
from pfrelax.store.importer import import_csv, import_json
step, database, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
with open_database(database, recover_runs=False) as db:
    started = time.perf_counter()  # the step itself: opening (creating) the database is apart
    if step == "import-csv":
        result = import_csv(db, target)
    elif step == "import-json":
        result = import_json(db, target)
    elif step == "export-csv":
        result = export_csv(db, target)
    else:
        result = export_json(db, target)
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "result": repr(result)}))
"""


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def history_rows(runs: int, hours_apart: int) -> tuple[Iterator[str], Iterator[str]]:
    """runs.csv and checkins.csv lines: a run every `hours_apart` hours, a before and an after
    check-in each with three ratings (six rating rows per run)."""

    def run_lines() -> Iterator[str]:
        yield RUNS_HEADER
        for n in range(runs):
            started = FIRST + timedelta(hours=n * hours_apart)
            ended = started + timedelta(seconds=600)
            yield f"{n + 1},daily,,,{_iso(started)},{_iso(ended)},600,1\n"

    def checkin_lines() -> Iterator[str]:
        yield CHECKINS_HEADER
        for n in range(runs):
            started = FIRST + timedelta(hours=n * hours_apart)
            for index, (moment, shift) in enumerate((("before", -60), ("after", 660))):
                time_ = _iso(started + timedelta(seconds=shift))
                for k, measure in enumerate(MEASURES):
                    value = (n + k + index) % 11
                    yield f"{2 * n + index + 1},{time_},{moment},daily,{measure},{value},\n"

    return run_lines(), checkin_lines()


def write_history(folder: Path, runs: int, hours_apart: int) -> int:
    """Write the CSV export of a history; returns how many rating rows checkins.csv has."""
    folder.mkdir(parents=True, exist_ok=True)
    run_lines, checkin_lines = history_rows(runs, hours_apart)
    with (folder / "runs.csv").open("w", encoding="utf-8", newline="") as out:
        out.writelines(run_lines)
    with (folder / "checkins.csv").open("w", encoding="utf-8", newline="") as out:
        out.writelines(checkin_lines)
    return runs * 2 * len(MEASURES)


def measure(step: str, database: Path, target: Path) -> tuple[float, float, float]:
    """(seconds inside the call, CPU seconds of the whole process, peak RSS in MB) for one step.

    CPU time is printed beside the wall time because this machine is shared: under load the
    wall time says more about the neighbours than about pfrelax.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, step, str(database), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{step} failed with exit status {process.returncode}")
    seconds = float(output.split('"seconds": ')[1].split(",")[0])
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return seconds, usage.ru_utime + usage.ru_stime, peak_mb


def run_size(label: str, root: Path, runs: int, hours_apart: int) -> list[tuple[str, float, float]]:
    source = root / "source"
    started = time.perf_counter()
    rows = write_history(source, runs, hours_apart)
    print(
        f"{label}: {runs:,} runs, {rows:,} rating rows (written in "
        f"{time.perf_counter() - started:.1f} s, untimed)"
    )
    database = root / "pfrelax.sqlite3"
    results = []
    steps = (
        ("import --csv", "import-csv", database, source),
        ("import --csv again (all already there)", "import-csv", database, source),
        ("export --csv", "export-csv", database, root / "out"),
        ("export --json", "export-json", database, root / "out.json"),
        (
            "import --json into an empty database",
            "import-json",
            root / "b.sqlite3",
            root / "out.json",
        ),
    )
    for name, step, db, target in steps:
        seconds, cpu, peak = measure(step, db, target)
        print(f"  {name:<40} {seconds:7.2f} s (CPU {cpu:6.2f} s)   peak RSS {peak:6.1f} MB")
        results.append((name, seconds, peak))
    load = os.getloadavg()[0]
    print(f"  (load average {load:.1f} on {os.cpu_count()} cores)")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rating rows of the big run")
    parser.add_argument("--skip-million", action="store_true", help="only the 20-year history")
    options = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as temp:
        # 20 years of one session a day: 7,305 runs, 43,830 rating rows.
        twenty = run_size("20 years", Path(temp) / "twenty", 20 * 365 + 5, 24)
        first_import = twenty[0][1]
        ok &= first_import <= TWENTY_YEARS_S
        ok &= all(peak <= PEAK_MB for _name, _s, peak in twenty)
    if not options.skip_million:
        with tempfile.TemporaryDirectory() as temp:
            runs = options.rows // (2 * len(MEASURES))
            big = run_size(f"{options.rows:,} rows", Path(temp) / "big", runs, 1)
            ok &= all(peak <= PEAK_MB for _name, _s, peak in big)
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
