"""What the Progress page draws for the practice log, the global-change question and a PT's own
questions: plain series over local time, built without Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pfrelax.core.global_change import ANSWERS
from pfrelax.core.practice_log import LoggedPractice

RATING_TICKS: tuple[tuple[float, str], ...] = tuple((v, str(v)) for v in range(0, 11, 2))


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    xs: tuple[float, ...]  # local seconds
    ys: tuple[float, ...]
    step: bool = False  # a value that holds until the next one (sizes, global change)
    tips: tuple[str, ...] = ()  # per point, for hover


@dataclass(frozen=True, slots=True)
class Panel:
    title: str
    series: tuple[Series, ...]
    ticks: tuple[tuple[float, str], ...]
    y_range: tuple[float, float]


@dataclass(frozen=True, slots=True)
class ExtraView:
    panels: tuple[Panel, ...]
    summary: str

    @property
    def points(self) -> int:
        return sum(len(s.xs) for p in self.panels for s in p.series)


def local_seconds(moment: datetime) -> float:
    offset = moment.utcoffset()
    return moment.timestamp() + (offset.total_seconds() if offset else 0.0)


def practice_view(logs: Sequence[LoggedPractice], names: Sequence[str]) -> ExtraView:
    """Size (in the person's own names, in their set's order) and the two ratings over time."""
    order = list(names) + [
        s for s in dict.fromkeys(log.entry.size for log in logs) if s not in names
    ]
    xs = tuple(local_seconds(log.time) for log in logs)
    size = Series(
        "Size",
        xs,
        tuple(float(order.index(log.entry.size) + 1) for log in logs),
        step=True,
        tips=tuple(f"Size {log.entry.size}, {log.entry.minutes or 0} min" for log in logs),
    )
    rated = [log for log in logs if log.entry.insertion_pain is not None]
    calm = [log for log in logs if log.entry.anxiety is not None]
    pain = Series(
        "Pain on insertion",
        tuple(local_seconds(log.time) for log in rated),
        tuple(float(log.entry.insertion_pain or 0) for log in rated),
    )
    anxiety = Series(
        "Anxiety",
        tuple(local_seconds(log.time) for log in calm),
        tuple(float(log.entry.anxiety or 0) for log in calm),
    )
    size_ticks = tuple((float(i + 1), name) for i, name in enumerate(order))
    panels = (
        Panel("Size", (size,), size_ticks, (0.5, max(len(order), 1) + 0.5)),
        Panel("Your ratings (0–10)", (pain, anxiety), RATING_TICKS, (-0.5, 10.5)),
    )
    count = len(logs)
    return ExtraView(panels, f"{count} practice log{'s' if count != 1 else ''} in this range")


def global_change_view(xs: Sequence[float], values: Sequence[int]) -> ExtraView:
    """The seven answers as steps, "very much improved" at the top."""
    ys = tuple(float(len(ANSWERS) + 1 - v) for v in values)
    ticks = tuple((float(len(ANSWERS) - i), words) for i, words in enumerate(ANSWERS))
    series = Series(
        "Global change",
        tuple(xs),
        ys,
        step=True,
        tips=tuple(ANSWERS[v - 1] for v in values),
    )
    latest = f"; latest: {ANSWERS[values[-1] - 1].lower()}" if values else ""
    panel = Panel("Since you began: change in your symptoms", (series,), ticks, (0.5, 7.5))
    return ExtraView((panel,), f"{len(values)} answers in this range{latest}")


def question_view(label: str, xs: Sequence[float], values: Sequence[int]) -> ExtraView:
    """A PT's own 0–10 question, as the person rated it."""
    series = Series(label, tuple(xs), tuple(float(v) for v in values))
    panel = Panel(f"{label} (your rating)", (series,), RATING_TICKS, (-0.5, 10.5))
    return ExtraView((panel,), f"{len(values)} ratings in this range")
