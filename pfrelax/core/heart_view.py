"""What the Progress page draws of the heart figures: one panel per figure over local time, each
point saying how many beats were corrected. Your numbers, compared only with your own."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pfrelax.core.extra_view import ExtraView, Panel, Series, local_seconds
from pfrelax.core.heart.figures import RunFigures

HEART_LABEL = "Heart figures"
SUMMARY_LEAD = "Your numbers, compared only with your own"


@dataclass(frozen=True, slots=True)
class RunHeart:
    """One run's heart figures with when the run started and what it was."""

    run_id: int
    started: datetime
    session_title: str
    figures: RunFigures


@dataclass(frozen=True, slots=True)
class Figure:
    """One stored figure as shown: its title, how a value reads, and how to get it."""

    title: str
    unit: str
    digits: int
    value: Callable[[RunFigures], float | None]


FIGURES: tuple[Figure, ...] = (
    Figure("Mean heart rate (beats a minute)", "bpm", 0, lambda f: f.mean_hr_bpm),
    Figure("RMSSD: beat-to-beat variation (ms)", "ms", 0, lambda f: f.rmssd_ms),
    Figure(
        "Peak-to-trough: how far your heart rate swings with each breath (bpm)",
        "bpm",
        1,
        lambda f: f.peak_to_trough_bpm,
    ),
    Figure("LF power: slow waves in your heartbeat (ms²)", "ms²", 0, lambda f: f.lf_power_ms2),
)


@dataclass(frozen=True, slots=True)
class HeartView(ExtraView):
    """An ExtraView of stacked heart panels (the chart knows it by its type)."""


def corrected_words(figures: RunFigures) -> str:
    """ "3 of 612 beats corrected" — said with every figure so none is taken for more than it is."""
    beats = "beat" if figures.beats == 1 else "beats"
    return f"{figures.corrected_beats} of {figures.beats:,} {beats} corrected"


def format_figure(figure: Figure, value: float) -> str:
    return f"{value:,.{figure.digits}f} {figure.unit}"


def heart_view(
    records: Sequence[RunHeart], last_pace: tuple[datetime, float | None] | None = None
) -> HeartView:
    """A panel for each figure any of `records` has; a run without a figure leaves no point.
    `last_pace`: when the pace finder last ran and the pace it found (None: no clear pace)."""
    panels = []
    for figure in FIGURES:
        shown = [(r, figure.value(r.figures)) for r in records]
        points = [(r, v) for r, v in shown if v is not None and math.isfinite(v)]
        if not points:
            continue
        series = Series(
            figure.title,
            tuple(local_seconds(r.started) for r, _ in points),
            tuple(v for _, v in points),
            tips=tuple(
                f"{r.session_title}: {format_figure(figure, v)} ({corrected_words(r.figures)})"
                for r, v in points
            ),
        )
        low, high = min(v for _, v in points), max(v for _, v in points)
        y_range, ticks = value_axis(low, high)
        panels.append(Panel(figure.title, (series,), ticks, y_range))
    summary = summary_words(records)
    if last_pace is not None:
        summary += f" · {pace_words(*last_pace)}"
    return HeartView(tuple(panels), summary)


def summary_words(records: Sequence[RunHeart]) -> str:
    runs = len(records)
    beats = sum(r.figures.beats for r in records)
    corrected = sum(r.figures.corrected_beats for r in records)
    sessions = "session" if runs == 1 else "sessions"
    return (
        f"{SUMMARY_LEAD} · {runs} {sessions} with a heart strap in this range · "
        f"{corrected:,} of {beats:,} beats corrected"
    )


def pace_words(when: datetime, pace: float | None) -> str:
    found = "no clear pace" if pace is None else f"your pace {pace:g} breaths a minute"
    return f"finding your pace, {when.day} {when:%b %Y}: {found}"


def value_axis(
    low: float, high: float
) -> tuple[tuple[float, float], tuple[tuple[float, str], ...]]:
    """A y range a little wider than [low, high] and 3–6 round ticks inside it."""
    nonnegative = low >= 0
    if high <= low:  # one value, or all alike: a band around it
        half = max(abs(high) * 0.1, 0.5)
        low, high = (max(low - half, 0.0) if nonnegative else low - half), high + half
    step = _round_step((high - low) / 4)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    count = round((last - first) / step)
    decimals = max(0, -math.floor(math.log10(step)))
    ticks = tuple((first + i * step, f"{first + i * step:,.{decimals}f}") for i in range(count + 1))
    pad = step * 0.25
    return (max(first - pad, 0.0) if nonnegative else first - pad, last + pad), ticks


def _round_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least `raw`."""
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)
