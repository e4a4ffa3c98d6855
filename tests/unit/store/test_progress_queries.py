"""The Progress page's queries: whole columns in local time, filters, and weekly sums in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from pfrelax.core.checkin import Measure
from pfrelax.core.progress import AFTER, BEFORE, DAY_S, measure_points, run_pairs, weekly_means
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.progress_queries import (
    OTHER_MOMENTS,
    count_session_ratings,
    data_counts,
    first_week_mean,
    has_history,
    last_checkin_time,
    load_ratings,
    load_runs,
    notes_between,
    run_checkin_values,
    run_title,
    weekly_summary,
)
from pfrelax.store.runs import Runs

ZONE = timezone(timedelta(hours=-5))
START = datetime(2026, 11, 2, 21, 30, tzinfo=ZONE)  # a Monday evening, Tuesday in UTC


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "history.sqlite3")
    yield database
    database.close()


def local(moment: datetime) -> int:
    offset = moment.utcoffset()
    assert offset is not None
    return int(moment.timestamp() + offset.total_seconds())


def practise(db: Database, start: datetime, before: int, after: int, note: str = "") -> int:
    clock = {"now": start}
    runs = Runs(db, now=lambda: clock["now"])
    run = runs.start_run("release", "Pelvic floor release")
    checkins = Checkins(db)
    checkins.save_checkin("before", {"distress": before, "mood": 4}, run_id=run, time=start)
    clock["now"] = start + timedelta(minutes=10)
    runs.finish_run(run, 600, completed=True)
    checkins.save_checkin("after", {"distress": after}, run_id=run, time=clock["now"], note=note)
    return run


def test_an_empty_database_has_no_history(db: Database) -> None:
    assert not has_history(db)
    assert len(load_ratings(db)) == 0
    assert len(load_runs(db)) == 0
    assert last_checkin_time(db, "weekly") is None
    assert first_week_mean(db, Measure.PAIN) is None


def test_ratings_are_in_the_local_time_they_were_made(db: Database) -> None:
    practise(db, START, 6, 3)
    table = load_ratings(db, [Measure.DISTRESS])
    assert table.time.tolist() == [local(START), local(START + timedelta(minutes=10))]
    assert table.moment.tolist() == [BEFORE, AFTER]
    assert table.value.tolist() == [6.0, 3.0]
    assert has_history(db)


def test_filters_by_measure_moment_and_start(db: Database) -> None:
    practise(db, START - timedelta(days=30), 8, 7)
    practise(db, START, 6, 3)
    Checkins(db).save_checkin("standalone", {"distress": 2}, time=START + timedelta(days=1))
    assert len(load_ratings(db)) == 7  # distress and mood
    recent = load_ratings(db, [Measure.DISTRESS], local(START))
    assert recent.value.tolist() == [6.0, 3.0, 2.0]
    other = load_ratings(db, [Measure.DISTRESS], moments=OTHER_MOMENTS)
    assert other.value.tolist() == [2.0]
    assert load_runs(db, local(START)).seconds.tolist() == [600]
    assert load_runs(db, titles=False).titles == ("", "")


def test_helpers_for_hover_weekly_question_and_after_checkins(db: Database) -> None:
    run = practise(db, START, 6, 3, note="calmer")
    assert run_title(db, run) == "Pelvic floor release"
    assert run_title(db, 999) == ""
    assert run_checkin_values(db, run, "before") == {"distress": 6, "mood": 4}
    assert run_checkin_values(db, 999, "before") == {}
    Checkins(db).save_checkin("weekly", {"pain_with_penetration": None}, time=START)
    assert last_checkin_time(db, "weekly") == START
    notes = notes_between(db, local(START), local(START) + DAY_S)
    assert [(n.moment, n.session_title, n.text) for n in notes] == [
        ("after", "Pelvic floor release", "calmer")
    ]
    assert data_counts(db).checkins == 3
    assert data_counts(db).notes == 1


def test_first_week_mean_is_the_pain_baseline(db: Database) -> None:
    checkins = Checkins(db)
    for days, value in ((0, 8), (2, 6), (9, 2)):
        checkins.save_checkin("standalone", {"pain": value}, time=START + timedelta(days=days))
    assert first_week_mean(db, Measure.PAIN) == 7.0


def test_weekly_summary_agrees_with_the_row_by_row_figures(db: Database) -> None:
    for day in range(30):
        practise(db, START + timedelta(days=day), 4 + day % 5, 2 + day % 3)
    assert count_session_ratings(db, Measure.DISTRESS, None) == 60
    summary = weekly_summary(db, Measure.DISTRESS, None)
    points = measure_points(load_ratings(db), Measure.DISTRESS)
    pairs = run_pairs(points)
    assert summary.median_change == float(np.median(pairs.change))
    assert int(summary.change.count.sum()) == 30
    before = points.moment == BEFORE
    expected = weekly_means(points.time[before], points.value[before])
    assert summary.before.week.tolist() == expected.week.tolist()
    assert summary.before.value.tolist() == pytest.approx(expected.value.tolist())
    after = points.moment == AFTER
    assert summary.change.value.tolist() == pytest.approx(
        weekly_means(points.time[after], pairs.change).value.tolist()
    )
    assert int(summary.minutes.value.sum()) == 300
    assert int(summary.minutes.count.sum()) == 30
