"""Value ticks a chart panel's height can keep apart: fewer labels on a short panel (200 %)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pyqtgraph as pg

Ticks = Sequence[tuple[float, str]]
TICK_GAP_LINES = 1.15  # neighbouring value labels stay this many lines of text apart


def fit_ticks(axis: pg.AxisItem, choices: Sequence[Ticks], view: pg.ViewBox, line: int) -> None:
    """The densest of `choices` whose labels stay apart on `view`'s height; the sparsest when
    none do (a short panel at 200 % reads 0, 5, 10 rather than six labels on each other)."""
    low, high = view.viewRange()[1]
    per_unit = view.height() / (high - low) if high > low else 0.0

    def apart(ticks: Ticks) -> bool:
        values = sorted(value for value, _label in ticks)
        gaps = [(b - a) * per_unit for a, b in itertools.pairwise(values)]
        return min(gaps, default=line) >= line * TICK_GAP_LINES

    chosen = next((ticks for ticks in choices if apart(ticks)), choices[-1])
    axis.setTicks([list(chosen), []])


def thinned(ticks: Ticks) -> tuple[Ticks, ...]:
    """`ticks`, then every other one, then every third: the choices for `fit_ticks`."""
    return tuple(ticks[::step] for step in (1, 2, 3))
