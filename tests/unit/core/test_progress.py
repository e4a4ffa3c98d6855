"""Progress series: per-measure points, before/after pairs, weekly figures and ranges."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from pfrelax.core.checkin import Measure
from pfrelax.core.progress import (
    AFTER,
    BEFORE,
    DAY_S,
    MEASURE_ORDER,
    NO_RUN,
    STANDALONE,
    WEEKLY,
    RunTable,
    Span,
    Weekly,
    local_day_bounds,
    meaningful_pain_drop,
    measure_points,
    median_change,
    minutes_per_week,
    pain_baseline,
    pool_weeks,
    rating_table,
    run_pairs,
    week_index,
    week_start,
    week_start_seconds,
    weekly_means,
)
from pfrelax.core.progress_view import (
    MAX_WEEK_POINTS,
    WeeklyFigures,
    build_view,
    build_weekly_view,
    date_ticks,
    format_change,
)

DISTRESS = MEASURE_ORDER.index(Measure.DISTRESS)
MOOD = MEASURE_ORDER.index(Measure.MOOD)
PWP = MEASURE_ORDER.index(Measure.PAIN_WITH_PENETRATION)
MONDAY = local_day_bounds(date(2026, 11, 23), date(2026, 11, 23))[0]  # a Monday, 00:00


Row = tuple[int, int, int, int, int, float | None]


def row(cid: int, t: int, moment: int, run: int, measure: int, value: float | None) -> Row:
    return (cid, t, moment, run, measure, value)


def test_week_index_starts_weeks_on_monday() -> None:
    weeks = week_index(np.array([MONDAY - 1, MONDAY, MONDAY + 7 * DAY_S - 1], dtype=np.int64))
    assert weeks[0] + 1 == weeks[1] == weeks[2]
    assert week_start(int(weeks[1])) == date(2026, 11, 23)


def test_points_of_one_measure_skip_not_attempted() -> None:
    table = rating_table(
        [
            row(1, MONDAY + 10, WEEKLY, NO_RUN, PWP, None),
            row(2, MONDAY + 5, STANDALONE, NO_RUN, DISTRESS, 4),
            row(3, MONDAY + 20, WEEKLY, NO_RUN, PWP, 6),
        ]
    )
    points = measure_points(table, Measure.PAIN_WITH_PENETRATION)
    assert points.value.tolist() == [6.0]
    everything = measure_points(table, Measure.PAIN_WITH_PENETRATION, rated_only=False)
    assert np.isnan(everything.value[0])


def test_pairs_join_before_and_after_of_each_run_latest_counting() -> None:
    table = rating_table(
        [
            row(1, MONDAY + 100, BEFORE, 7, DISTRESS, 6),
            row(2, MONDAY + 200, BEFORE, 7, DISTRESS, 5),  # a second before: latest counts
            row(3, MONDAY + 900, AFTER, 7, DISTRESS, 2),
            row(4, MONDAY + DAY_S, BEFORE, 8, DISTRESS, 4),
            row(5, MONDAY + DAY_S + 600, AFTER, 8, DISTRESS, 4),
            row(6, MONDAY + 2 * DAY_S, BEFORE, 9, DISTRESS, 8),  # no after: left out
        ]
    )
    pairs = run_pairs(measure_points(table, Measure.DISTRESS))
    assert pairs.run_id.tolist() == [7, 8]
    assert pairs.before.tolist() == [5.0, 4.0]
    assert pairs.after.tolist() == [2.0, 4.0]
    assert pairs.change.tolist() == [-3.0, 0.0]
    assert median_change(pairs) == -1.5
    assert median_change(run_pairs(measure_points(table, Measure.MOOD))) is None


def test_weekly_means_average_each_week_with_data() -> None:
    times = np.array([MONDAY, MONDAY + DAY_S, MONDAY + 14 * DAY_S], dtype=np.int64)
    weekly = weekly_means(times, np.array([2.0, 4.0, 7.0]))
    assert weekly.value.tolist() == [3.0, 7.0]
    assert weekly.count.tolist() == [2, 1]
    assert weekly.start.tolist() == [MONDAY, MONDAY + 14 * DAY_S]


def test_minutes_per_week_sum_seconds_of_runs_started_that_week() -> None:
    runs = RunTable(
        np.array([1, 2, 3], dtype=np.int64),
        np.array([MONDAY + 60, MONDAY + 6 * DAY_S, MONDAY + 7 * DAY_S], dtype=np.int64),
        np.array([600, 300, 90], dtype=np.int64),
        ("a", "b", "c"),
    )
    weekly = minutes_per_week(runs)
    assert weekly.value.tolist() == [15.0, 1.5]
    assert weekly.count.tolist() == [2, 1]


def test_ranges_start_on_whole_days() -> None:
    now = MONDAY + 13 * DAY_S + 3600
    assert Span.TWO_WEEKS.start(now) == MONDAY
    assert Span.THREE_MONTHS.start(now) == MONDAY + 13 * DAY_S - 90 * DAY_S
    assert Span.ALL.start(now) is None


def test_range_filter_keeps_rows_in_the_half_open_range() -> None:
    table = rating_table(
        [row(i, MONDAY + i * DAY_S, STANDALONE, NO_RUN, MOOD, i) for i in range(10)]
    )
    kept = table.between(MONDAY + 2 * DAY_S, MONDAY + 5 * DAY_S)
    assert kept.value.tolist() == [2.0, 3.0, 4.0]


@pytest.mark.parametrize(
    ("baseline", "threshold"), [(8.0, 6.0), (5.0, 3.5), (4.0, 2.8), (0.0, 0.0)]
)
def test_meaningful_pain_drop_is_two_points_or_thirty_percent(
    baseline: float, threshold: float
) -> None:
    assert meaningful_pain_drop(baseline) == pytest.approx(threshold)


def test_pain_baseline_is_the_first_weeks_mean() -> None:
    table = rating_table(
        [
            row(1, MONDAY, STANDALONE, NO_RUN, PWP, 6),
            row(2, MONDAY + DAY_S, STANDALONE, NO_RUN, PWP, 8),
            row(3, MONDAY + 8 * DAY_S, STANDALONE, NO_RUN, PWP, 2),
        ]
    )
    assert pain_baseline(measure_points(table, Measure.PAIN_WITH_PENETRATION)) == 7.0


def test_date_ticks_suit_the_length_of_the_range() -> None:
    two_weeks = date_ticks(MONDAY, MONDAY + 14 * DAY_S)
    assert [label for _, label in two_weeks][:2] == ["23 Nov", "25 Nov"]
    months = date_ticks(MONDAY - 90 * DAY_S, MONDAY)
    assert all(label[0].isdigit() for _, label in months)  # Mondays: "7 Sep"
    year = [label for _, label in date_ticks(MONDAY - 300 * DAY_S, MONDAY)]
    assert year == ["Mar 2026", "May", "Jul", "Sep", "Nov"]
    longer = [label for _, label in date_ticks(MONDAY - 500 * DAY_S, MONDAY)]
    assert longer == ["Oct 2025", "Jan 2026", "Apr", "Jul", "Oct"]
    decades = date_ticks(MONDAY - 20 * 365 * DAY_S, MONDAY)
    assert [label for _, label in decades][-1] in {"2024", "2025", "2026"}
    assert len(decades) <= 10


def test_a_view_draws_single_points_until_there_are_too_many() -> None:
    rows = [row(2 * i, MONDAY - i * DAY_S, BEFORE, i, DISTRESS, 5) for i in range(20)]
    rows += [row(2 * i + 1, MONDAY - i * DAY_S + 600, AFTER, i, DISTRESS, 3) for i in range(20)]
    table = rating_table(rows)
    runs = RunTable(
        np.arange(20, dtype=np.int64),
        np.array([MONDAY - i * DAY_S for i in range(20)][::-1], dtype=np.int64),
        np.full(20, 600, dtype=np.int64),
        ("s",) * 20,
    )
    view = build_view(table, runs, Measure.DISTRESS, Span.ALL, MONDAY + 3600)
    assert view.detailed
    assert len(view.before) == len(view.after) == len(view.pairs) == 20
    assert view.median_change == -2.0
    assert view.sessions == 20
    assert view.total_minutes == 200.0
    assert view.start == MONDAY - 19 * DAY_S
    assert view.pain_band is None


def test_pooling_merges_weeks_into_blocks_weighted_by_count() -> None:
    weeks = np.array([100, 101, 102, 103], dtype=np.int64)
    weekly = Weekly(
        weeks, week_start_seconds(weeks), np.array([2.0, 4.0, 6.0, 8.0]), np.array([1, 3, 1, 1])
    )
    pooled = pool_weeks(weekly, 2)
    assert pooled.value.tolist() == [3.5, 7.0]
    assert pooled.count.tolist() == [4, 2]
    minutes = pool_weeks(weekly, 2, per_week_sums=True)
    assert minutes.value.tolist() == [3.0, 7.0]


def test_weekly_view_of_years_pools_to_a_calm_number_of_points() -> None:
    weeks = np.arange(3000, 4040, dtype=np.int64)  # twenty years of weeks
    ones = np.ones(weeks.size, dtype=np.int64)
    weekly = Weekly(weeks, week_start_seconds(weeks), np.full(weeks.size, 5.0), ones * 7)
    figures = WeeklyFigures(weekly, weekly, weekly, -2.0, weekly)
    now = int(week_start_seconds(weeks[-1:])[0]) + DAY_S
    view = build_weekly_view(figures, rating_table([]), Measure.DISTRESS, Span.ALL, now)
    assert not view.detailed
    assert len(view.before_weekly) <= MAX_WEEK_POINTS
    assert view.weeks_per_point == 7
    assert view.median_change == -2.0
    assert view.sessions == 7 * weeks.size


@pytest.mark.parametrize(
    ("value", "text"), [(-1.5, "−1.5"), (2.0, "+2"), (0.0, "0"), (-0.04, "0"), (0.25, "+0.2")]
)
def test_changes_are_written_with_a_sign_and_a_real_minus(value: float, text: str) -> None:
    assert format_change(value) == text
