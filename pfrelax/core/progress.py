"""Chart series from the check-in history, as numpy arrays: fast for twenty years of daily use.

Times are "local seconds": UTC seconds plus the UTC offset the person was in when they rated, so
a rating made at 21:00 on a Monday stays on that Monday wherever they travel next. Weeks are
ISO weeks (Monday first) of local time, like the store's minutes per week.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from pfrelax.core.checkin import Measure

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

DAY_S = 86_400
WEEK_S = 7 * DAY_S
# 1970-01-01 was a Thursday: shifting by 3 days makes whole weeks start on Mondays.
_MONDAY_SHIFT_DAYS = 3
_EPOCH_DAY = date(1970, 1, 1)

MOMENTS: tuple[str, ...] = ("before", "after", "standalone", "weekly")
BEFORE, AFTER, STANDALONE, WEEKLY = range(4)
MEASURE_ORDER: tuple[Measure, ...] = tuple(Measure)
NO_RUN = -1


class Span(StrEnum):
    """The ranges the Progress page offers."""

    TWO_WEEKS = "2w"
    THREE_MONTHS = "3m"
    ALL = "all"

    @property
    def label(self) -> str:
        return {"2w": "2 weeks", "3m": "3 months", "all": "All"}[self.value]

    def start(self, now_local: int) -> int | None:
        """The first local second shown when the chart ends at `now_local`; None = all."""
        if self is Span.ALL:
            return None
        days = 14 if self is Span.TWO_WEEKS else 91
        return day_start(now_local) - (days - 1) * DAY_S


@dataclass(frozen=True, slots=True)
class RatingTable:
    """Every rating, one row each, sorted by time. `value` is NaN for "not attempted"."""

    checkin_id: Ints
    time: Ints  # local seconds
    moment: Ints  # index into MOMENTS
    run_id: Ints  # NO_RUN for standalone and weekly check-ins
    measure: Ints  # index into MEASURE_ORDER
    value: Floats

    def __len__(self) -> int:
        return int(self.time.size)

    def between(self, start: int | None, end: int | None) -> RatingTable:
        """The rows with start <= time < end (None = unbounded); sorted input stays sorted."""
        lo, hi = _bounds(self.time, start, end)
        return self.take(slice(lo, hi))

    def take(self, rows: slice | npt.NDArray[np.bool_]) -> RatingTable:
        return RatingTable(
            self.checkin_id[rows],
            self.time[rows],
            self.moment[rows],
            self.run_id[rows],
            self.measure[rows],
            self.value[rows],
        )


@dataclass(frozen=True, slots=True)
class RunTable:
    """Every session run, sorted by start (local seconds); titles by position."""

    run_id: Ints
    started: Ints
    seconds: Ints  # time played
    titles: tuple[str, ...]
    # Completed (core.completion) or partial, per run; None when the loader did not ask.
    completed: npt.NDArray[np.bool_] | None = None

    def __len__(self) -> int:
        return int(self.started.size)

    def between(self, start: int | None, end: int | None) -> RunTable:
        lo, hi = _bounds(self.started, start, end)
        done = None if self.completed is None else self.completed[lo:hi]
        return RunTable(
            self.run_id[lo:hi], self.started[lo:hi], self.seconds[lo:hi], self.titles[lo:hi], done
        )

    def completed_mask(self) -> npt.NDArray[np.bool_]:
        """Which runs were completed (all of them when the table was loaded without it)."""
        if self.completed is None:
            return np.ones(self.started.size, dtype=np.bool_)
        return self.completed

    def titles_by_id(self) -> dict[int, str]:
        return dict(zip(self.run_id.tolist(), self.titles, strict=True))


def rating_table(rows: Sequence[tuple[int, int, int, int, int, float | None]]) -> RatingTable:
    """A table of (checkin_id, local_time, moment, run_id, measure, value) rows, by time."""
    if not rows:
        empty = np.empty(0, dtype=np.int64)
        return RatingTable(empty, empty, empty, empty, empty, np.empty(0, dtype=np.float64))
    columns = np.array(rows, dtype=np.float64).T
    ints = columns[:5].astype(np.int64)
    order = np.lexsort((ints[0], ints[1]))  # by time, then check-in id
    checkin_id, time, moment, run_id, measure = (ints[i][order] for i in range(5))
    return RatingTable(checkin_id, time, moment, run_id, measure, columns[5][order])


def empty_runs() -> RunTable:
    empty = np.empty(0, dtype=np.int64)
    return RunTable(empty, empty, empty, (), np.empty(0, dtype=np.bool_))


@dataclass(frozen=True, slots=True)
class Points:
    """One measure's ratings: when, the value, and the moment and run each came from."""

    time: Ints
    value: Floats
    moment: Ints
    run_id: Ints

    def __len__(self) -> int:
        return int(self.time.size)


def measure_points(table: RatingTable, measure: Measure, *, rated_only: bool = True) -> Points:
    """All ratings of `measure`, oldest first; `rated_only` drops "not attempted"."""
    mask = table.measure == MEASURE_ORDER.index(measure)
    if rated_only:
        mask &= ~np.isnan(table.value)
    return Points(table.time[mask], table.value[mask], table.moment[mask], table.run_id[mask])


@dataclass(frozen=True, slots=True)
class Pairs:
    """Before and after ratings of one measure per run, where the run has both."""

    run_id: Ints
    before_time: Ints
    before: Floats
    after_time: Ints
    after: Floats

    def __len__(self) -> int:
        return int(self.run_id.size)

    @property
    def change(self) -> Floats:
        """after − before per run: negative means the rating went down during the session."""
        return self.after - self.before


def run_pairs(points: Points) -> Pairs:
    """Join each run's before and after rating; when a run has several, the latest counts
    (as in the store's before_after_changes)."""
    before_ids, before_at, before = _latest_per_run(points, BEFORE)
    after_ids, after_at, after = _latest_per_run(points, AFTER)
    both, in_before, in_after = np.intersect1d(before_ids, after_ids, return_indices=True)
    order = np.argsort(before_at[in_before], kind="stable")
    return Pairs(
        both[order],
        before_at[in_before][order],
        before[in_before][order],
        after_at[in_after][order],
        after[in_after][order],
    )


def _latest_per_run(points: Points, moment: int) -> tuple[Ints, Ints, Floats]:
    mask = points.moment == moment
    runs, times, values = points.run_id[mask], points.time[mask], points.value[mask]
    # Points are in time order, so the last occurrence of each run is its latest rating.
    reversed_runs = runs[::-1]
    ids, first_in_reversed = np.unique(reversed_runs, return_index=True)
    last = runs.size - 1 - first_in_reversed
    return ids, times[last], values[last]


def median_change(pairs: Pairs) -> float | None:
    """The median of after − before over the runs, or None with no pairs."""
    return float(np.median(pairs.change)) if len(pairs) else None


def week_index(local_seconds: Ints) -> Ints:
    """ISO-week number since the epoch (Monday-first) of each local time."""
    return (local_seconds // DAY_S + _MONDAY_SHIFT_DAYS) // 7


def week_start(index: int) -> date:
    """The Monday a `week_index` week begins on."""
    return _EPOCH_DAY + timedelta(days=index * 7 - _MONDAY_SHIFT_DAYS)


def week_start_seconds(index: Ints) -> Ints:
    """Local seconds at 00:00 on the Monday of each week index."""
    return (index * 7 - _MONDAY_SHIFT_DAYS) * DAY_S


@dataclass(frozen=True, slots=True)
class Weekly:
    """One value per week that has data; `week` is a week_index, `start` its Monday (seconds)."""

    week: Ints
    start: Ints
    value: Floats
    count: Ints

    def __len__(self) -> int:
        return int(self.week.size)


def weekly_means(time: Ints, value: Floats) -> Weekly:
    """The mean of `value` per local week (NaN values ignored); weeks without data left out."""
    keep = ~np.isnan(value)
    weeks = week_index(time[keep])
    ids, inverse, counts = np.unique(weeks, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=value[keep], minlength=ids.size)
    means = (sums / np.maximum(counts, 1)).astype(np.float64)
    return Weekly(ids, week_start_seconds(ids), means, counts.astype(np.int64))


def weekly_sums(time: Ints, value: Floats) -> Weekly:
    weeks = week_index(time)
    ids, inverse, counts = np.unique(weeks, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=value, minlength=ids.size).astype(np.float64)
    return Weekly(ids, week_start_seconds(ids), sums, counts.astype(np.int64))


def pool_weeks(weekly: Weekly, size: int, *, per_week_sums: bool = False) -> Weekly:
    """Merge weeks into blocks of `size` consecutive weeks, so years fit on a chart calmly.

    Means are weighted by each week's count; with `per_week_sums` the values are weekly totals
    (minutes) and a block shows its average week, weeks without practice counting as 0.
    """
    if size <= 1 or not len(weekly):
        return weekly
    block = (weekly.week - weekly.week[0]) // size
    ids, inverse = np.unique(block, return_inverse=True)
    counts = np.bincount(inverse, weights=weekly.count, minlength=ids.size)
    if per_week_sums:
        values = np.bincount(inverse, weights=weekly.value, minlength=ids.size) / size
    else:
        totals = np.bincount(inverse, weights=weekly.value * weekly.count, minlength=ids.size)
        values = totals / np.maximum(counts, 1)
    weeks = weekly.week[0] + ids * size
    return Weekly(
        weeks, week_start_seconds(weeks), values.astype(np.float64), counts.astype(np.int64)
    )


def minutes_per_week(runs: RunTable) -> Weekly:
    """Minutes practised per local ISO week (by start), and `count` = sessions that week."""
    return weekly_sums(runs.started, runs.seconds.astype(np.float64) / 60.0)


def meaningful_pain_drop(baseline: float) -> float:
    """The pain rating at which a drop from `baseline` reaches 2 points or 30 %, whichever
    comes first (Farrar 2001); never below 0."""
    return max(0.0, baseline - min(2.0, 0.3 * baseline))


def pain_baseline(points: Points) -> float | None:
    """The mean of the first week with pain ratings: what the reference band is measured from."""
    weekly = weekly_means(points.time, points.value)
    return float(weekly.value[0]) if len(weekly) else None


@dataclass(frozen=True, slots=True)
class AdherenceRow:
    """One plan week: sessions done vs assigned (CLINICAL.md §4), supplied by the packs code.

    `week_start`..`last_day` are the real days counted (None: to the week's end); `so_far`
    when the week has days still to come (or outside the report's range)."""

    plan_title: str
    plan_week: int
    week_start: date
    done: int
    assigned: int
    last_day: date | None = None
    so_far: bool = False


# (first day, last day) -> rows for the report; given by whoever knows the plans.
AdherenceProvider = Callable[[date, date], Sequence[AdherenceRow]]


def day_start(local_seconds: int) -> int:
    return local_seconds - local_seconds % DAY_S


def local_day_bounds(first: date, last: date) -> tuple[int, int]:
    """Local seconds from 00:00 on `first` to 00:00 after `last`: a half-open day range."""
    start = (first - _EPOCH_DAY).days * DAY_S
    end = ((last - _EPOCH_DAY).days + 1) * DAY_S
    return start, end


def local_date(local_seconds: int) -> date:
    return _EPOCH_DAY + timedelta(days=local_seconds // DAY_S)


def _bounds(sorted_times: Ints, start: int | None, end: int | None) -> tuple[int, int]:
    lo = 0 if start is None else int(np.searchsorted(sorted_times, start, side="left"))
    hi = sorted_times.size if end is None else int(np.searchsorted(sorted_times, end, "left"))
    return lo, hi
