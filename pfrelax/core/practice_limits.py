"""Bounds for pelvic floor and dilator steps (CLINICAL.md §2a, §2b): defaults and PT maxima."""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.durations import format_ms


@dataclass(frozen=True, slots=True)
class Bound:
    """An allowed range, in ms for durations (`unit` "s") or as a plain count."""

    low: int
    high: int
    unit: str  # "s" (values in ms), "%", "reps" or "breaths"

    def shown(self, value: int) -> str:
        if self.unit == "s":
            return f"{format_ms(value)} s"
        if self.unit == "%":
            return f"{value} %"
        return f"{value} {self.unit.removesuffix('s') if value == 1 else self.unit}"


@dataclass(frozen=True, slots=True)
class PracticeLimits:
    name: str
    effort: Bound
    contract: Bound
    release: Bound
    rest: Bound
    reps: Bound
    settle: Bound
    insert_breaths: Bound
    stay: Bound
    stay_max: Bound
    move_breaths: Bound
    remove_breaths: Bound
    practice_max_ms: int  # a whole dilator step with its stay at `stay_max`


DEFAULT_PRACTICE_LIMITS = PracticeLimits(
    name="default",
    effort=Bound(10, 40, "%"),
    contract=Bound(1_000, 5_000, "s"),
    release=Bound(4_000, 20_000, "s"),
    rest=Bound(0, 20_000, "s"),
    reps=Bound(1, 10, "reps"),
    settle=Bound(60_000, 300_000, "s"),
    insert_breaths=Bound(1, 10, "breaths"),
    stay=Bound(30_000, 900_000, "s"),
    stay_max=Bound(30_000, 900_000, "s"),
    move_breaths=Bound(0, 10, "breaths"),
    remove_breaths=Bound(1, 10, "breaths"),
    practice_max_ms=30 * 60_000,
)

CLINICIAN_PRACTICE_LIMITS = PracticeLimits(
    name="clinician",
    effort=Bound(10, 70, "%"),
    contract=Bound(1_000, 10_000, "s"),
    release=Bound(4_000, 30_000, "s"),
    rest=Bound(0, 30_000, "s"),
    reps=Bound(1, 20, "reps"),
    settle=Bound(60_000, 600_000, "s"),
    insert_breaths=Bound(1, 10, "breaths"),
    stay=Bound(30_000, 1_800_000, "s"),
    stay_max=Bound(30_000, 1_800_000, "s"),
    move_breaths=Bound(0, 20, "breaths"),
    remove_breaths=Bound(1, 10, "breaths"),
    practice_max_ms=45 * 60_000,
)

PRACTICE_LIMITS = {
    limits.name: limits for limits in (DEFAULT_PRACTICE_LIMITS, CLINICIAN_PRACTICE_LIMITS)
}

_CLINICIAN_HINT = ' (a PT\'s pack with limits = "clinician" allows up to {})'


def check_bound(value: int, bound: Bound, wider: Bound | None = None) -> str | None:
    """Why `value` is outside `bound`, or None. `wider` is the PT maximum, named when it fits."""
    if value > bound.high:
        hint = ""
        if wider is not None and bound.high < value <= wider.high:
            hint = _CLINICIAN_HINT.format(wider.shown(wider.high))
        return f"{bound.shown(value)} is over the {bound.shown(bound.high)} maximum{hint}"
    if value < bound.low:
        return f"{bound.shown(value)} is under the {bound.shown(bound.low)} minimum"
    return None
