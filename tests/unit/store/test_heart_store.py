"""Heart rows: each run's figures and the pace finder's results, written and read back."""

from __future__ import annotations

import math
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import EpochScore, FinderResult
from pfrelax.store.cipher import DatabaseKey, is_encrypted
from pfrelax.store.db import Database, open_database
from pfrelax.store.heart import HeartRecords
from pfrelax.store.migrations import LATEST_VERSION, apply_migrations
from pfrelax.store.runs import Runs

if TYPE_CHECKING:
    from tests.unit.store.conftest import FakeClock

ALL_TIME = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
FIGURES = RunFigures(
    beats=612,
    corrected_beats=3,
    mean_hr_bpm=68.4,
    rmssd_ms=41.25,
    peak_to_trough_bpm=9.5,
    lf_power_ms2=1830.0,
)
SHORT = RunFigures(beats=1, corrected_beats=0, mean_hr_bpm=None, rmssd_ms=None,
                   peak_to_trough_bpm=None, lf_power_ms2=None)  # fmt: skip
KEY = DatabaseKey(bytes(range(32)), bytes(range(100, 116)))


def finder_result(chosen: float | None) -> FinderResult:
    scored = [
        EpochScore(bpm, 6.0 + n, 900.0 + 100 * n, 40.0 - 10 * n, 24, n % 2)
        for n, bpm in enumerate((6.5, 6.0, 5.5, 5.0))
    ]
    epochs = (*scored, EpochScore(4.5, math.nan, math.nan, math.nan, 7, 0))
    votes = {"peak_to_trough": 5.0, "lf_power": None, "phase": chosen}
    return FinderResult(epochs, votes, chosen, corrected_beats=2)


def a_run(db: Database, clock: FakeClock, title: str = "Slow breathing") -> int:
    runs = Runs(db, clock)
    run_id = runs.start_run("slow-6", title, length_seconds=600)
    clock.advance(minutes=10)
    runs.finish_run(run_id, 600, completed=True)
    return run_id


def test_a_runs_figures_read_back_as_saved(db: Database, clock: FakeClock) -> None:
    run_id = a_run(db, clock)
    records = HeartRecords(db, clock)
    records.save_run_figures(run_id, FIGURES)
    assert records.run_figures(run_id) == FIGURES
    assert records.run_figures(run_id + 1) is None


def test_figures_too_short_to_say_are_kept_as_none(db: Database, clock: FakeClock) -> None:
    run_id = a_run(db, clock)
    HeartRecords(db, clock).save_run_figures(run_id, SHORT)
    assert HeartRecords(db).run_figures(run_id) == SHORT


def test_saving_again_replaces_a_runs_figures(db: Database, clock: FakeClock) -> None:
    run_id = a_run(db, clock)
    records = HeartRecords(db, clock)
    records.save_run_figures(run_id, SHORT)
    records.save_run_figures(run_id, FIGURES)
    assert records.run_figures(run_id) == FIGURES
    count = db.connection.execute("SELECT count(*) FROM run_heart_figures").fetchone()[0]
    assert count == 1


def test_figures_of_no_run_are_refused_by_name(db: Database, clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="run_id: 99 is not a session run"):
        HeartRecords(db, clock).save_run_figures(99, FIGURES)
    assert db.connection.execute("SELECT count(*) FROM run_heart_figures").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"corrected_beats": 700}, "corrected_beats: 700 is not between 0 and beats"),
        ({"rmssd_ms": -1.0}, "rmssd_ms: -1.0 is not a finite number"),
        ({"lf_power_ms2": math.nan}, "lf_power_ms2: nan is not a finite number"),
    ],
)
def test_figures_out_of_bounds_are_refused(
    db: Database, clock: FakeClock, changes: dict[str, float], message: str
) -> None:
    run_id = a_run(db, clock)
    bad = RunFigures(**{**_as_dict(FIGURES), **changes})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        HeartRecords(db, clock).save_run_figures(run_id, bad)


def test_figures_between_is_half_open_with_run_details(db: Database, clock: FakeClock) -> None:
    first_start = clock()
    first = a_run(db, clock, "Morning")
    clock.advance(days=1)
    second_start = clock()
    second = a_run(db, clock, "Evening")
    a_run(db, clock, "No heart source")
    records = HeartRecords(db, clock)
    records.save_run_figures(second, SHORT)
    records.save_run_figures(first, FIGURES)
    both = records.between(*ALL_TIME)
    assert [(h.run_id, h.session_title, h.started) for h in both] == [
        (first, "Morning", first_start),
        (second, "Evening", second_start),
    ]
    assert [h.run_id for h in records.between(first_start, second_start)] == [first]
    assert records.all() == both


def test_a_finder_result_reads_back_with_each_pace(db: Database, clock: FakeClock) -> None:
    run_id = a_run(db, clock)
    records = HeartRecords(db, clock)
    result_id = records.save_finder_result(finder_result(5.5), run_id)
    (saved,) = records.finder_results()
    assert (saved.id, saved.run_id, saved.time) == (result_id, run_id, clock())
    assert saved.result.chosen == 5.5
    assert saved.result.votes == {"peak_to_trough": 5.0, "lf_power": None, "phase": 5.5}
    assert saved.result.corrected_beats == 2
    expected = finder_result(5.5).epochs
    assert saved.result.epochs[:4] == expected[:4]
    last = saved.result.epochs[4]
    assert (last.bpm, last.beats) == (4.5, 7)
    assert all(math.isnan(v) for v in (last.peak_to_trough, last.lf_power, last.phase_deg))


def test_an_unclear_result_is_kept_and_the_latest_comes_first(
    db: Database, clock: FakeClock
) -> None:
    records = HeartRecords(db, clock)
    assert records.latest_finder_result() is None
    records.save_finder_result(finder_result(5.5))
    clock.advance(days=2)
    newest = records.save_finder_result(finder_result(None))
    latest = records.latest_finder_result()
    assert latest is not None
    assert (latest.id, latest.run_id, latest.result.chosen) == (newest, None, None)
    assert [r.result.chosen for r in records.finder_results()] == [5.5, None]


def test_a_finder_result_that_cannot_be_stored_leaves_nothing(
    db: Database, clock: FakeClock
) -> None:
    bad = FinderResult(
        (EpochScore(5.5, 1.0, 1.0, 400.0, 30, 0),), {"phase": None}, None, corrected_beats=0
    )
    with pytest.raises(ValueError, match="pace finder result that cannot be stored"):
        HeartRecords(db, clock).save_finder_result(bad)
    with pytest.raises(ValueError, match="at least one pace"):
        HeartRecords(db, clock).save_finder_result(FinderResult((), {}, None, 0))
    assert db.connection.execute("SELECT count(*) FROM resonance_results").fetchone()[0] == 0


def test_the_migration_keeps_earlier_runs_and_adds_empty_tables(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    con = sqlite3.connect(db_path, isolation_level=None)
    apply_migrations(con, 0, target=LATEST_VERSION - 1)
    con.execute(
        "INSERT INTO runs (session_id, session_title, started, started_offset, progress_at) "
        "VALUES ('s', 'S', 0, 0, 0)"
    )
    con.close()
    with open_database(db_path) as db:
        assert db.schema_version == LATEST_VERSION
        assert HeartRecords(db).all() == []
        HeartRecords(db).save_run_figures(1, FIGURES)
        assert HeartRecords(db).run_figures(1) == FIGURES


def test_an_encrypted_history_keeps_heart_rows_like_any_other(
    db_path: Path, clock: FakeClock
) -> None:
    with open_database(db_path, key=KEY) as db:
        run_id = a_run(db, clock)
        HeartRecords(db, clock).save_run_figures(run_id, FIGURES)
        HeartRecords(db, clock).save_finder_result(finder_result(6.0), run_id)
    assert is_encrypted(db_path)
    with open_database(db_path, key=KEY) as db:
        assert HeartRecords(db).run_figures(run_id) == FIGURES
        latest = HeartRecords(db).latest_finder_result()
        assert latest is not None
        assert latest.result.chosen == 6.0


def test_delete_all_data_removes_heart_rows(db: Database, clock: FakeClock) -> None:
    run_id = a_run(db, clock)
    records = HeartRecords(db, clock)
    records.save_run_figures(run_id, FIGURES)
    records.save_finder_result(finder_result(5.0), run_id)
    db.delete_all_data()
    assert records.all() == []
    assert records.finder_results() == []
    assert db.connection.execute("SELECT count(*) FROM resonance_epochs").fetchone()[0] == 0


def _as_dict(figures: RunFigures) -> dict[str, object]:
    return {name: getattr(figures, name) for name in RunFigures.__slots__}


def test_times_keep_the_local_offset(db: Database, clock: FakeClock) -> None:
    records = HeartRecords(db, clock)
    records.save_finder_result(finder_result(None), time=clock() + timedelta(hours=1))
    (saved,) = records.finder_results()
    assert saved.time.utcoffset() == timedelta(hours=1)
