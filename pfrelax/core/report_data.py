"""The figures of the PT report, from the history tables: no Qt, no SQL, easy to test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from pfrelax.core.checkin import WEEKLY_MEASURE, Measure
from pfrelax.core.progress import (
    AFTER,
    BEFORE,
    WEEKLY,
    AdherenceRow,
    RatingTable,
    RunTable,
    local_day_bounds,
    measure_points,
    minutes_per_week,
    run_pairs,
    week_index,
    week_start,
)

CHANGE_MEASURES: tuple[Measure, ...] = tuple(m for m in Measure if m is not WEEKLY_MEASURE)


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One week of the range: sessions completed, partial runs, minutes played (all runs), and
    the plan adherence rows of that week."""

    start: date
    sessions: int
    minutes: float
    adherence: tuple[AdherenceRow, ...] = ()
    partial: int = 0


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One measure across the sessions that had both a before and an after rating."""

    measure: Measure
    sessions: int
    median_before: float
    median_after: float
    median_change: float


@dataclass(frozen=True, slots=True)
class WeeklySeries:
    """Weekly means of before and after ratings of one measure, NaN in weeks without one."""

    measure: Measure
    before: tuple[float, ...]
    after: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class PainWeek:
    start: date
    value: float | None  # None: the weekly question was answered "not attempted"


@dataclass(frozen=True, slots=True)
class ReportData:
    first: date
    last: date
    weeks: tuple[WeekRow, ...]
    changes: tuple[ChangeRow, ...]
    series: tuple[WeeklySeries, ...]
    pain: tuple[PainWeek, ...]

    @property
    def sessions(self) -> int:
        return sum(week.sessions for week in self.weeks)

    def totals_words(self) -> str:
        """ "4 sessions completed, 2 partial, 51 minutes" (core.completion's rule)."""
        sessions = "1 session" if self.sessions == 1 else f"{self.sessions} sessions"
        partial = f", {self.partial} partial" if self.partial else ""
        minutes = round(self.minutes)
        return f"{sessions} completed{partial}, {minutes} minute{'' if minutes == 1 else 's'}"

    @property
    def partial(self) -> int:
        return sum(week.partial for week in self.weeks)

    @property
    def minutes(self) -> float:
        return sum(week.minutes for week in self.weeks)


def gather(
    ratings: RatingTable,
    runs: RunTable,
    first: date,
    last: date,
    adherence: Sequence[AdherenceRow] = (),
) -> ReportData:
    """The report's figures for the local days `first`..`last` (inclusive)."""
    start, end = local_day_bounds(first, last)
    shown, practised = ratings.between(start, end), runs.between(start, end)
    weeks = _week_indices(start, end)
    return ReportData(
        first=first,
        last=last,
        weeks=_week_rows(practised, weeks, adherence),
        changes=tuple(row for m in CHANGE_MEASURES if (row := _change_row(shown, m)) is not None),
        series=tuple(_weekly_series(shown, m, weeks) for m in CHANGE_MEASURES[:3]),
        pain=_pain_weeks(shown),
    )


def _week_indices(start: int, end: int) -> list[int]:
    first, last = week_index(np.array([start, end - 1], dtype=np.int64)).tolist()
    return list(range(first, last + 1))


def _week_rows(
    runs: RunTable, weeks: list[int], adherence: Sequence[AdherenceRow]
) -> tuple[WeekRow, ...]:
    weekly = minutes_per_week(runs)
    minutes = dict(zip(weekly.week.tolist(), weekly.value.tolist(), strict=True))
    completed = runs.completed_mask()
    run_weeks = week_index(runs.started)
    rows = []
    for week in weeks:
        monday = week_start(week)
        plan = tuple(a for a in adherence if monday <= a.week_start < monday + timedelta(days=7))
        this_week = run_weeks == week
        done = int(np.count_nonzero(this_week & completed))
        partial = int(np.count_nonzero(this_week & ~completed))
        rows.append(WeekRow(monday, done, minutes.get(week, 0.0), plan, partial))
    return tuple(rows)


def _change_row(ratings: RatingTable, measure: Measure) -> ChangeRow | None:
    pairs = run_pairs(measure_points(ratings, measure))
    if not len(pairs):
        return None
    return ChangeRow(
        measure,
        len(pairs),
        float(np.median(pairs.before)),
        float(np.median(pairs.after)),
        float(np.median(pairs.change)),
    )


def _weekly_series(ratings: RatingTable, measure: Measure, weeks: list[int]) -> WeeklySeries:
    points = measure_points(ratings, measure)
    return WeeklySeries(
        measure,
        _means_by_week(
            points.time[points.moment == BEFORE], points.value[points.moment == BEFORE], weeks
        ),
        _means_by_week(
            points.time[points.moment == AFTER], points.value[points.moment == AFTER], weeks
        ),
    )


def _means_by_week(times: np.ndarray, values: np.ndarray, weeks: list[int]) -> tuple[float, ...]:
    index = week_index(times)
    out = []
    for week in weeks:
        chosen = values[index == week]
        out.append(float(chosen.mean()) if chosen.size else float("nan"))
    return tuple(out)


def _pain_weeks(ratings: RatingTable) -> tuple[PainWeek, ...]:
    points = measure_points(ratings, WEEKLY_MEASURE, rated_only=False)
    weekly = points.moment == WEEKLY
    times, values = points.time[weekly], points.value[weekly]
    rows = []
    for week in np.unique(week_index(times)).tolist():
        chosen = values[week_index(times) == week]
        rated = chosen[~np.isnan(chosen)]
        rows.append(PainWeek(week_start(week), float(rated.mean()) if rated.size else None))
    return tuple(rows)
