"""History store at 20 years of daily use: insert, query-all and weekly-aggregate times."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar

from pfrelax.store.checkins import Checkins, insert_checkin
from pfrelax.store.db import Database, open_database
from pfrelax.store.runs import Runs
from pfrelax.store.timecodec import to_columns

YEARS = 20
DAYS = YEARS * 365 + YEARS // 4
MEASURES = ("distress", "pelvic_tension", "mood")
FIRST_DAY = datetime(2026, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
SINGLE_SAVES = 200
T = TypeVar("T")


def bulk_load(db: Database) -> None:
    """Daily run with before/after check-ins for 20 years, in one transaction (setup speed)."""
    with db.transaction() as con:
        for day in range(DAYS):
            started = FIRST_DAY + timedelta(days=day)
            at, offset = to_columns(started)
            run_id = con.execute(
                "INSERT INTO runs (session_id, session_title, started, started_offset, ended, "
                "ended_offset, seconds, status, progress_at) "
                "VALUES ('pf-release-10', 'Release', ?, ?, ?, ?, 600, 'completed', ?)",
                (at, offset, at + 600, offset, at + 600),
            ).lastrowid
            for moment, shift, base in (("before", -60, 6), ("after", 660, 3)):
                ratings = [(m, (base + day + i) % 11) for i, m in enumerate(MEASURES)]
                insert_checkin(con, (None, run_id, at + shift, offset, moment, ""), list(ratings))


def timed(label: str, action: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = action()
    print(f"{label:<48} {(time.perf_counter() - start) * 1000:9.1f} ms")
    return result


def main() -> None:
    everything = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as temp:
        with open_database(Path(temp) / "pfrelax.sqlite3") as db:
            print(f"{DAYS} days x 2 check-ins x {len(MEASURES)} measures, one run a day")
            timed("insert all (one transaction)", lambda: bulk_load(db))
            checkins = Checkins(db)
            start = time.perf_counter()
            for _ in range(SINGLE_SAVES):
                checkins.save_checkin("standalone", {"distress": 3, "mood": 6})
            each = (time.perf_counter() - start) * 1000 / SINGLE_SAVES
            print(f"{'save_checkin, one committed + fsynced each':<48} {each:9.2f} ms per check-in")
            ratings = timed(
                "query all ratings (ratings_between)", lambda: checkins.ratings_between(*everything)
            )
            print(f"{'  rows':<48} {len(ratings):9d}")
            timed(
                "one measure as columns (series), 20 years",
                lambda: checkins.series("distress", *everything),
            )
            timed(
                "weekly minutes (minutes_per_week)", lambda: Runs(db).minutes_per_week(*everything)
            )
            timed("before/after changes", lambda: checkins.before_after_changes(*everything))
            last_year = (FIRST_DAY + timedelta(days=DAYS - 365), everything[1])
            timed("one year of ratings", lambda: checkins.ratings_between(*last_year))
        size = (Path(temp) / "pfrelax.sqlite3").stat().st_size
        print(f"{'database size':<48} {size / 1e6:9.1f} MB")


if __name__ == "__main__":
    main()
