"""History figures: 20 years of daily before/after check-ins; insert, query, Progress page draw.

Budget (ARCHITECTURE.md): the Progress page loads and draws 20 years of daily check-ins in
≤ 150 ms, timed from the data query to the chart's first paint. pyqtgraph's one-time import is
printed separately: the page pays it once, the first time it has something to draw.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from pfrelax.core.checkin import DEFAULT_MEASURES
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.importer import import_json
from pfrelax.store.progress_queries import load_ratings, load_runs
from pfrelax.store.runs import Runs

YEARS = 20
BUDGET_MS = 150.0
ZONE = timezone(timedelta(hours=1))
END = datetime(2026, 11, 27, 9, tzinfo=ZONE)
TITLES = ("Pelvic floor release", "Coherent breathing", "Cyclic sighing reset", "Body scan")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def history_document(days: int, seed: int = 1) -> dict[str, object]:
    """A pfrelax JSON export with one session a day and a before and after check-in each."""
    rnd = random.Random(seed)
    runs: list[dict[str, object]] = []
    checkins: list[dict[str, object]] = []
    for day in range(days):
        started = END - timedelta(days=days - day, hours=rnd.randint(0, 12))
        seconds = rnd.choice((300, 600, 720, 1200))
        ended = started + timedelta(seconds=seconds)
        run_id = day + 1
        title = rnd.choice(TITLES)
        runs.append(
            {
                "run_id": run_id,
                "session": "daily",
                "title": title,
                "pack": None,
                "pack_version": None,
                "started": _iso(started),
                "ended": _iso(ended),
                "seconds": seconds,
                "completed": True,
            }
        )
        before = {m: rnd.randint(3, 8) for m in ("distress", "pelvic_tension", "mood")}
        after = {m: max(0, v - rnd.randint(0, 3)) for m, v in before.items()}
        for offset, moment, values in ((0, "before", before), (seconds + 5, "after", after)):
            checkins.append(
                {
                    "checkin_id": len(checkins) + 1,
                    "time": _iso(started + timedelta(seconds=offset)),
                    "moment": moment,
                    "session": "daily",
                    "run_id": run_id,
                    "note": "",
                    "values": values,
                }
            )
    return {"format": "pfrelax-export", "version": 1, "checkins": checkins, "runs": runs}


def time_single_saves(folder: Path, count: int = 30) -> float:
    """Median ms of one check-in saved the app's way (its own transaction, fsync'd)."""
    with open_database(folder / "single.sqlite3") as db:
        run = Runs(db).start_run("daily", "Daily")
        checkins = Checkins(db)
        times = []
        for _ in range(count):
            started = time.perf_counter()
            checkins.save_checkin("before", {"distress": 4, "mood": 6}, run_id=run)
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def fill(db: Database, folder: Path) -> tuple[float, int]:
    document = history_document(YEARS * 365 + YEARS // 4)
    file = folder / "history.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    started = time.perf_counter()
    summary = import_json(db, file, now=lambda: END)  # the history ends at END
    elapsed = time.perf_counter() - started
    # Years of use reach the main file through SQLite's automatic checkpoints; one import of
    # everything leaves it all in the WAL, which reads slower than the app ever would.
    db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return elapsed, summary.checkins_added


def time_queries(db: Database) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(5):
        started = time.perf_counter()
        ratings, runs = load_ratings(db), load_runs(db)
        times.append(time.perf_counter() - started)
        rows = len(ratings) + len(runs)
    return statistics.median(times) * 1000, rows


def time_page(db: Database) -> tuple[float, list[float]]:
    """(pyqtgraph import ms, [page load-and-draw ms, first then repeats])."""
    from PySide6.QtWidgets import QApplication

    from pfrelax.core.progress import Span
    from pfrelax.services.progress import progress_services
    from pfrelax.ui.common.theme import LIGHT, apply_theme
    from pfrelax.ui.progress.progress_page import ProgressPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    apply_theme(app, LIGHT)
    started = time.perf_counter()
    import pyqtgraph  # noqa: F401  (timed: the page's one-time cost)

    import_ms = (time.perf_counter() - started) * 1000
    draws = []
    for _ in range(5):
        services = progress_services(
            db, measures=lambda: DEFAULT_MEASURES, now=lambda: END.astimezone(UTC)
        )
        page = ProgressPage(services, LIGHT)
        page.set_span(Span.ALL)
        page.resize(1100, 760)
        started = time.perf_counter()
        page.show()  # the first show queries the store and draws
        page.grab()  # forces the first paint of everything
        draws.append((time.perf_counter() - started) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    return import_ms, draws


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        single = time_single_saves(folder)
        print(f"save one check-in (own transaction, fsync): {single:.1f} ms median")
        with open_database(folder / "history.sqlite3") as db:
            seconds, added = fill(db, folder)
            print(f"insert {YEARS} years ({added} check-ins, one transaction): {seconds:.2f} s")
            query_ms, rows = time_queries(db)
            print(f"query all ratings and runs ({rows} rows): {query_ms:.1f} ms median")
            import_ms, draws = time_page(db)
            print(f"import pyqtgraph (once, on the page's first draw): {import_ms:.0f} ms")
            first, rest = draws[0], statistics.median(draws[1:])
            print(f"Progress page load and draw, {YEARS} years, range 'All': first {first:.0f} ms,")
            print(f"  then {rest:.0f} ms median (budget {BUDGET_MS:.0f} ms)")
    ok = max(draws[0], rest) <= BUDGET_MS
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(("within budget" if ok else "OVER BUDGET") + f" (load average {load:.1f})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
