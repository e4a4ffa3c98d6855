"""The heart figures as Progress draws them: a panel per figure, every point saying its beats."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pfrelax.core.extra_view import local_seconds
from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart_view import RunHeart, heart_view, value_axis

ZONE = timezone(timedelta(hours=2))
AT = datetime(2026, 11, 20, 19, 0, tzinfo=ZONE)


def heart(day: int, figures: RunFigures) -> RunHeart:
    return RunHeart(day, AT + timedelta(days=day), "Slow breathing", figures)


def test_each_figure_has_a_panel_and_each_point_says_its_corrected_beats() -> None:
    view = heart_view(
        [
            heart(0, RunFigures(600, 3, 70.4, 35.0, 7.25, 1200.0)),
            heart(1, RunFigures(1, 0, None, None, None, None)),
            heart(2, RunFigures(640, 0, 66.0, 41.0, 9.5, None)),
        ]
    )
    titles = [panel.title.split(" (")[0].split(":")[0] for panel in view.panels]
    assert titles == ["Mean heart rate", "RMSSD", "Peak-to-trough", "LF power"]
    (mean_hr,) = view.panels[0].series
    assert mean_hr.xs == (local_seconds(AT), local_seconds(AT + timedelta(days=2)))
    assert mean_hr.ys == (70.4, 66.0)
    assert mean_hr.tips == (
        "Slow breathing: 70 bpm (3 of 600 beats corrected)",
        "Slow breathing: 66 bpm (0 of 640 beats corrected)",
    )
    assert view.panels[2].series[0].tips[0] == (
        "Slow breathing: 7.2 bpm (3 of 600 beats corrected)"
    )
    (lf,) = view.panels[3].series
    assert lf.ys == (1200.0,)
    assert view.summary == (
        "Your numbers, compared only with your own · 3 sessions with a heart strap in this "
        "range · 3 of 1,241 beats corrected"
    )


def test_runs_too_short_for_any_figure_leave_no_panel() -> None:
    view = heart_view([heart(0, RunFigures(1, 1, None, None, None, None))])
    assert view.panels == ()
    assert view.summary.endswith(
        "1 session with a heart strap in this range · 1 of 1 beats corrected"
    )


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (64.2, 72.0, ["64", "66", "68", "70", "72"]),
        (900.0, 2220.0, ["500", "1,000", "1,500", "2,000", "2,500"]),
        (6.0, 6.0, ["5.0", "5.5", "6.0", "6.5", "7.0"]),
        (0.4, 1.1, ["0.4", "0.6", "0.8", "1.0", "1.2"]),
        (0.0, 0.0, ["0.0", "0.2", "0.4", "0.6"]),
    ],
)
def test_the_value_axis_has_round_ticks_around_the_values(
    low: float, high: float, ticks: list[str]
) -> None:
    (bottom, top), marks = value_axis(low, high)
    assert [text for _, text in marks] == ticks
    assert bottom <= low
    assert top >= high
    assert bottom >= 0


def test_the_last_pace_found_is_named_in_the_summary() -> None:
    record = heart(0, RunFigures(600, 3, 70.4, 35.0, 7.25, 1200.0))
    assert heart_view([record], (AT, 5.5)).summary.endswith(
        "· finding your pace, 20 Nov 2026: your pace 5.5 breaths a minute"
    )
    assert heart_view([record], (AT, None)).summary.endswith(
        "· finding your pace, 20 Nov 2026: no clear pace"
    )
