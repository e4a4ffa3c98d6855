"""The PT report's heart section: the runs' figures as weekly medians, and each pace finder result.

Only the person's own numbers, with how many beats were corrected beside them. No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import FinderResult
from pfrelax.core.heart_view import RunHeart


@dataclass(frozen=True, slots=True)
class HeartWeek:
    """One week's runs with a heart source: medians of each figure (None: none had it)."""

    start: date  # the Monday
    runs: int
    mean_hr_bpm: float | None
    rmssd_ms: float | None
    peak_to_trough_bpm: float | None
    lf_power_ms2: float | None
    beats: int
    corrected_beats: int


@dataclass(frozen=True, slots=True)
class FinderLine:
    day: date
    chosen: float | None  # "your pace", or None: no pace stood out
    corrected_beats: int


@dataclass(frozen=True, slots=True)
class HeartReport:
    weeks: tuple[HeartWeek, ...] = ()
    finder: tuple[FinderLine, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.weeks or self.finder)


def heart_report(
    records: Sequence[RunHeart],
    results: Sequence[tuple[datetime, FinderResult]],
    first: date,
    last: date,
) -> HeartReport:
    """The runs started and finder results kept on local days `first`..`last`."""
    weeks: dict[date, list[RunFigures]] = {}
    for record in records:
        day = record.started.date()
        if first <= day <= last:
            weeks.setdefault(day - timedelta(days=day.weekday()), []).append(record.figures)
    finder = tuple(
        FinderLine(time.date(), result.chosen, result.corrected_beats)
        for time, result in results
        if first <= time.date() <= last
    )
    return HeartReport(
        tuple(_week(monday, figures) for monday, figures in sorted(weeks.items())), finder
    )


def _week(monday: date, figures: list[RunFigures]) -> HeartWeek:
    return HeartWeek(
        start=monday,
        runs=len(figures),
        mean_hr_bpm=_median(figures, lambda f: f.mean_hr_bpm),
        rmssd_ms=_median(figures, lambda f: f.rmssd_ms),
        peak_to_trough_bpm=_median(figures, lambda f: f.peak_to_trough_bpm),
        lf_power_ms2=_median(figures, lambda f: f.lf_power_ms2),
        beats=sum(f.beats for f in figures),
        corrected_beats=sum(f.corrected_beats for f in figures),
    )


def _median(figures: list[RunFigures], value: Callable[[RunFigures], float | None]) -> float | None:
    known = [v for v in map(value, figures) if v is not None]
    return float(median(known)) if known else None
