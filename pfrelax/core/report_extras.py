"""The PT report's extra sections: the practice log by week, a PT's own questions as weekly
medians, and the global-change answers. No Qt, no SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from pfrelax.core.heart_report import HeartReport
from pfrelax.core.practice_log import LoggedPractice, PracticeWeek, weekly_practice
from pfrelax.core.progress import local_date


@dataclass(frozen=True, slots=True)
class QuestionWeek:
    start: date  # the Monday
    median: float
    ratings: int


@dataclass(frozen=True, slots=True)
class QuestionRows:
    """One of the PT's own questions: its label and the weeks with ratings."""

    label: str
    weeks: tuple[QuestionWeek, ...]


@dataclass(frozen=True, slots=True)
class GlobalAnswer:
    day: date
    value: int  # 1 very much improved … 7 very much worse


@dataclass(frozen=True, slots=True)
class ReportExtras:
    practice: tuple[PracticeWeek, ...] = ()
    questions: tuple[QuestionRows, ...] = ()
    global_change: tuple[GlobalAnswer, ...] = ()
    went_well: tuple[tuple[date, str], ...] = ()  # the practice log's notes, only when asked
    heart: HeartReport = field(
        default_factory=HeartReport
    )  # runs with a heart source, and the pace finder


def practice_in_range(
    logs: Sequence[LoggedPractice], first: date, last: date
) -> tuple[PracticeWeek, ...]:
    """The weeks of practice logged on local days `first`..`last`."""
    return tuple(weekly_practice(log for log in logs if first <= log.time.date() <= last))


def weekly_medians(
    xs_local: Sequence[float], values: Sequence[int], first: date, last: date
) -> tuple[QuestionWeek, ...]:
    """Per week (Monday first) with a rating on local days `first`..`last`: median and count."""
    weeks: dict[date, list[int]] = {}
    for x, value in zip(xs_local, values, strict=True):
        day = local_date(int(x))
        if first <= day <= last:
            monday = day - timedelta(days=day.weekday())
            weeks.setdefault(monday, []).append(value)
    return tuple(
        QuestionWeek(monday, float(median(found)), len(found))
        for monday, found in sorted(weeks.items())
    )


def answers_in_range(
    xs_local: Sequence[float], values: Sequence[int], first: date, last: date
) -> tuple[GlobalAnswer, ...]:
    days = [(local_date(int(x)), v) for x, v in zip(xs_local, values, strict=True)]
    return tuple(GlobalAnswer(day, v) for day, v in days if first <= day <= last)
