"""Breath boundaries of a paced session, read from its timeline (in seconds of session time)."""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.timeline import BREATH_KINDS, SegmentKind, Timeline


@dataclass(frozen=True, slots=True)
class Breath:
    """One paced breath: in-breath from `start_s`, out-breath from `inhale_end_s` to `end_s`."""

    start_s: float
    inhale_end_s: float
    end_s: float

    @property
    def cycle_s(self) -> float:
        return self.end_s - self.start_s


def breaths_from_timeline(timeline: Timeline, step: int | None = None) -> tuple[Breath, ...]:
    """Every paced breath of the session (or of one step), in time order.

    The in-breath ends where the exhale starts (a top-up sip or hold-in count as breathing in, the
    lungs are full until then); the breath ends where the next one starts or its step ends.
    """
    breaths: list[Breath] = []
    current: list[int] = []  # start, inhale end, end (ms)
    key: tuple[int, int | None] | None = None
    for segment in timeline.segments:
        if segment.kind not in BREATH_KINDS or (step is not None and segment.step != step):
            continue
        if (segment.step, segment.cycle) != key:
            if current:
                breaths.append(_breath(current))
            key = (segment.step, segment.cycle)
            current = [segment.start_ms, segment.end_ms, segment.end_ms]
        if segment.kind is SegmentKind.EXHALE:
            current[1] = segment.start_ms
        current[2] = segment.end_ms
    if current:
        breaths.append(_breath(current))
    return tuple(breaths)


def _breath(bounds_ms: list[int]) -> Breath:
    start, inhale_end, end = bounds_ms
    return Breath(start / 1000, inhale_end / 1000, end / 1000)
