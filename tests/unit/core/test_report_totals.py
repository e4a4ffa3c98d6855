"""The report's one-line totals, in words a person would write."""

from __future__ import annotations

from datetime import date

import pytest

from pfrelax.core.report_data import ReportData, WeekRow


def _data(sessions: int, minutes: float, partial: int = 0) -> ReportData:
    week = WeekRow(date(2026, 11, 30), sessions, minutes, partial=partial)
    return ReportData(date(2026, 11, 30), date(2026, 12, 6), (week,), (), (), ())


@pytest.mark.parametrize(
    ("sessions", "minutes", "partial", "words"),
    [
        (0, 1.2, 1, "0 sessions completed, 1 partial, 1 minute"),
        (1, 5.0, 0, "1 session completed, 5 minutes"),
        (4, 47.0, 0, "4 sessions completed, 47 minutes"),
        (0, 0.0, 0, "0 sessions completed, 0 minutes"),
    ],
)
def test_totals_count_sessions_and_minutes_in_the_right_number(
    sessions: int, minutes: float, partial: int, words: str
) -> None:
    assert _data(sessions, minutes, partial).totals_words() == words
