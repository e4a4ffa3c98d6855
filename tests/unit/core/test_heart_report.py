"""The report's heart section from stored rows: local days, weekly medians, the finder lines."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import FinderResult
from pfrelax.core.heart_report import FinderLine, heart_report
from pfrelax.core.heart_view import RunHeart

TOKYO = timezone(timedelta(hours=9))


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=TOKYO)


def test_weeks_follow_the_local_day_and_figures_without_a_value_are_left_out() -> None:
    records = [
        RunHeart(1, at(15, 23), "A", RunFigures(10, 1, 60.0, None, None, None)),  # a Sunday
        RunHeart(2, at(16, 1), "A", RunFigures(20, 0, 70.0, 30.0, None, None)),  # Monday, local
        RunHeart(3, at(17, 8), "A", RunFigures(30, 2, 80.0, None, None, None)),
        RunHeart(4, at(30, 8), "A", RunFigures(30, 2, 99.0, None, None, None)),  # after `last`
    ]
    report = heart_report(records, [], date(2026, 11, 15), date(2026, 11, 29))
    first, second = report.weeks
    assert (first.start, first.runs, first.mean_hr_bpm, first.rmssd_ms) == (
        date(2026, 11, 9),
        1,
        60.0,
        None,
    )
    assert (second.start, second.runs, second.mean_hr_bpm, second.rmssd_ms) == (
        date(2026, 11, 16),
        2,
        75.0,
        30.0,
    )
    assert (second.beats, second.corrected_beats) == (50, 2)
    assert report


def test_finder_results_in_range_become_lines_and_nothing_is_empty() -> None:
    results = [
        (at(14, 9), FinderResult((), {}, 5.5, 1)),
        (at(20, 9), FinderResult((), {}, None, 0)),
    ]
    report = heart_report([], results, date(2026, 11, 15), date(2026, 11, 21))
    assert report.finder == (FinderLine(date(2026, 11, 20), None, 0),)
    assert not heart_report([], [], date(2026, 11, 15), date(2026, 11, 21))
