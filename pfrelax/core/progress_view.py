"""What the Progress charts draw for one measure and range, date ticks, and number wording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from pfrelax.core.checkin import Measure
from pfrelax.core.progress import (
    AFTER,
    BEFORE,
    DAY_S,
    STANDALONE,
    WEEK_S,
    WEEKLY,
    Ints,
    Pairs,
    Points,
    RatingTable,
    RunTable,
    Span,
    Weekly,
    day_start,
    local_date,
    meaningful_pain_drop,
    measure_points,
    median_change,
    minutes_per_week,
    pain_baseline,
    pool_weeks,
    rating_table,
    run_pairs,
    week_index,
    weekly_means,
)

PAIN_BAND_TEXT = "a 2-point or 30 % drop is often considered meaningful"
PAIN_MEASURES = frozenset({Measure.PAIN, Measure.PAIN_WITH_PENETRATION})
# Above this many session ratings in the range, single points merge into a blur (20 years of
# daily ratings is ~7 per pixel), so the chart shows weekly means of before and after instead.
DETAIL_LIMIT = 1500
# At most this many weekly points or bars; longer ranges pool weeks into blocks.
MAX_WEEK_POINTS = 160
_EPOCH_DAY = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class PainBand:
    """The reference band on a pain chart: from the first week's mean down to a meaningful drop."""

    baseline: float
    threshold: float


@dataclass(frozen=True, slots=True)
class ChartView:
    """Everything one measure's charts draw for one range, in local seconds."""

    measure: Measure
    start: int  # x range shown
    end: int
    before: Points
    after: Points
    other: Points  # standalone and weekly ratings
    pairs: Pairs
    weekly: Weekly  # weekly mean of every rating of the measure
    minutes: Weekly  # minutes practised per week
    pain_band: PainBand | None
    detailed: bool  # False: draw the weekly means below rather than single ratings
    before_weekly: Weekly
    after_weekly: Weekly
    change_weekly: Weekly  # weekly mean of after − before, by when the session ended
    median_change: float | None  # over every session in range with a before and an after
    sessions: int  # completed (core.completion) in the range
    total_minutes: float  # played, partial runs included
    weeks_per_point: int = 1  # >1 when the weekly figures were pooled into blocks
    partial: int = 0  # runs in the range that were not completed
    # Per point of change_weekly: how many of its sessions were partial runs.
    change_partial: Ints | None = None

    @property
    def is_empty(self) -> bool:
        return not (len(self.before) or len(self.after) or len(self.other) or len(self.minutes))


def view_start(span: Span, now_local: int, ratings: RatingTable, runs: RunTable) -> int:
    """The first local second shown: the span's start, or for "All" the first day with data."""
    start = span.start(now_local)
    if start is not None:
        return start
    first = [int(a[0]) for a in (ratings.time, runs.started) if a.size]
    return day_start(min(first)) if first else day_start(now_local) - 13 * DAY_S


def build_view(
    ratings: RatingTable,
    runs: RunTable,
    measure: Measure,
    span: Span,
    now_local: int,
    baseline: float | None = None,
) -> ChartView:
    """The series of `measure` for `span` ending now. `baseline` is the first week's mean of
    all pain ratings (computed from `ratings` if not given), so the pain band does not move
    when the range changes."""
    start = view_start(span, now_local, ratings, runs)
    end = day_start(now_local) + DAY_S
    shown = measure_points(ratings.between(start, end), measure)
    band = None
    if measure in PAIN_MEASURES:
        if baseline is None:
            baseline = pain_baseline(measure_points(ratings, measure))
        if baseline is not None:
            band = PainBand(baseline, meaningful_pain_drop(baseline))
    before, after = _moment_points(shown, BEFORE), _moment_points(shown, AFTER)
    pairs = run_pairs(shown)
    in_range = runs.between(start, end)
    completed = int(np.count_nonzero(in_range.completed_mask()))
    partial_runs = runs.run_id[~runs.completed_mask()]
    partial_pairs = pairs.after_time[np.isin(pairs.run_id, partial_runs)]
    change_weekly = weekly_means(pairs.after_time, pairs.change)
    return ChartView(
        measure=measure,
        start=start,
        end=end,
        before=before,
        after=after,
        other=_moment_points(shown, STANDALONE, WEEKLY),
        pairs=pairs,
        weekly=weekly_means(shown.time, shown.value),
        minutes=minutes_per_week(runs.between(start, end)),
        pain_band=band,
        detailed=len(before) + len(after) <= DETAIL_LIMIT,
        before_weekly=weekly_means(before.time, before.value),
        after_weekly=weekly_means(after.time, after.value),
        change_weekly=change_weekly,
        median_change=median_change(pairs),
        sessions=completed,
        total_minutes=float(in_range.seconds.sum()) / 60,
        partial=len(in_range) - completed,
        change_partial=partial_per_point(change_weekly, partial_pairs, 1),
    )


@dataclass(frozen=True, slots=True)
class WeeklyFigures:
    """A long range already reduced to weeks (by the store), for a chart of years."""

    before: Weekly
    after: Weekly
    change: Weekly  # mean after − before per week, by when the session ended
    median_change: float | None
    minutes: Weekly  # count: every run, partial ones included
    partial: int = 0  # runs in the range that were not completed
    change_partial_times: Ints | None = None  # the after-times of the pairs of partial runs


def build_weekly_view(
    figures: WeeklyFigures,
    other: RatingTable,
    measure: Measure,
    span: Span,
    now_local: int,
    baseline: float | None = None,
) -> ChartView:
    """A ChartView of weekly means only (`detailed` False), from figures the store summed."""
    end = day_start(now_local) + DAY_S
    start = span.start(now_local)
    if start is None:
        firsts = [
            int(w.start[0]) for w in (figures.before, figures.after, figures.minutes) if len(w)
        ]
        start = min(firsts) if firsts else day_start(now_local) - 13 * DAY_S
    none = measure_points(rating_table([]), measure)
    shown = measure_points(other.between(start, end), measure)
    size = max(1, -(-((end - start) // WEEK_S + 1) // MAX_WEEK_POINTS))  # ceiling division
    return ChartView(
        measure=measure,
        start=start,
        end=end,
        before=none,
        after=none,
        other=_moment_points(shown, STANDALONE, WEEKLY),
        pairs=run_pairs(none),
        weekly=weekly_means(none.time, none.value),
        minutes=pool_weeks(figures.minutes, size, per_week_sums=True),
        pain_band=None if baseline is None else PainBand(baseline, meaningful_pain_drop(baseline)),
        detailed=False,
        before_weekly=pool_weeks(figures.before, size),
        after_weekly=pool_weeks(figures.after, size),
        change_weekly=pool_weeks(figures.change, size),
        median_change=figures.median_change,
        sessions=int(figures.minutes.count.sum()) - figures.partial,
        total_minutes=float(figures.minutes.value.sum()),
        weeks_per_point=size,
        partial=figures.partial,
        change_partial=partial_per_point(figures.change, figures.change_partial_times, size),
    )


def partial_per_point(change: Weekly, partial_times: Ints | None, size: int) -> Ints:
    """How many partial runs each point of `change` pooled by `size` weeks (as pool_weeks
    pools it) holds, given the after-times of the partial runs' pairs."""
    if not len(change):
        return np.zeros(0, dtype=np.int64)
    per_week = np.zeros(len(change), dtype=np.int64)
    if partial_times is not None and partial_times.size:
        weeks, counts = np.unique(week_index(partial_times), return_counts=True)
        at = np.searchsorted(change.week, weeks)
        found = (at < len(change)) & (change.week[np.minimum(at, len(change) - 1)] == weeks)
        np.add.at(per_week, at[found], counts[found])
    if size <= 1:
        return per_week
    _, block = np.unique((change.week - change.week[0]) // size, return_inverse=True)
    return np.bincount(block, weights=per_week).astype(np.int64)


def sessions_words(completed: int, partial: int) -> str:
    """ "3 sessions, 1 partial"; "1 partial session" when none was completed (no guilt)."""
    if completed == 0 and partial:
        return f"{partial} partial session{'s' if partial != 1 else ''}"
    words = f"{completed} session{'s' if completed != 1 else ''}"
    return f"{words}, {partial} partial" if partial else words


def _moment_points(points: Points, *moments: int) -> Points:
    mask = np.isin(points.moment, moments)
    return Points(points.time[mask], points.value[mask], points.moment[mask], points.run_id[mask])


def date_ticks(start: int, end: int) -> list[tuple[float, str]]:
    """Calm date labels for a local-seconds range: days, Mondays, months or years by length."""
    first, last = local_date(start), local_date(max(start, end - 1))
    days = (last - first).days + 1
    if days <= 21:
        return _day_ticks(first, last, step=2 if days > 10 else 1)
    if days <= 120:
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        return _day_ticks(monday, last, step=14 if days > 60 else 7)
    if days <= 3 * 366:
        step = 1 if days <= 190 else 2 if days <= 400 else 3
        return _month_ticks(first, last, step)
    step = max(1, round(days / 365 / 8))
    return [
        (_seconds(date(year, 1, 1)), str(year))
        for year in range(first.year + 1, last.year + 1)
        if year % step == 0
    ]


def _day_ticks(first: date, last: date, step: int) -> list[tuple[float, str]]:
    ticks = []
    day = first
    while day <= last:
        ticks.append((_seconds(day), f"{day.day} {day:%b}"))
        day += timedelta(days=step)
    return ticks


def _month_ticks(first: date, last: date, step: int) -> list[tuple[float, str]]:
    ticks: list[tuple[float, str]] = []
    year, month = first.year, first.month + 1
    while True:
        if month > 12:
            year, month = year + 1, month - 12
        day = date(year, month, 1)
        if day > last:
            return ticks
        if (month - 1) % step == 0:
            # The year on the first tick and on each January, so it is never a guess.
            label = f"{day:%b %Y}" if month == 1 or not ticks else f"{day:%b}"
            ticks.append((_seconds(day), label))
        month += 1


def _seconds(day: date) -> float:
    return float((day - _EPOCH_DAY).days * DAY_S)


def format_number(value: float) -> str:
    """One decimal at most: 3, 2.5."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def format_change(value: float) -> str:
    """A signed change: +1, −2.5, 0 (a real minus sign)."""
    text = format_number(abs(value))
    if text == "0":
        return "0"
    return f"+{text}" if value > 0 else f"−{text}"
