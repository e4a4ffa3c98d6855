"""Safety bounds from CLINICAL.md: the defaults, and the wider maxima a PT's pack may allow."""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.durations import format_ms
from pfrelax.core.pattern import Pattern


@dataclass(frozen=True, slots=True)
class Range:
    low_ms: int
    high_ms: int


@dataclass(frozen=True, slots=True)
class Limits:
    name: str
    inhale: Range  # includes any top-up sip
    exhale: Range
    hold_in: Range
    hold_out: Range
    min_bpm: float
    max_bpm: float
    session_max_ms: int


DEFAULT_LIMITS = Limits(
    name="default",
    inhale=Range(1_000, 8_000),
    exhale=Range(2_000, 15_000),
    hold_in=Range(0, 7_000),
    hold_out=Range(0, 4_000),
    min_bpm=3.0,
    max_bpm=10.0,
    session_max_ms=60 * 60_000,
)

CLINICIAN_LIMITS = Limits(
    name="clinician",
    inhale=Range(1_000, 12_000),
    exhale=Range(2_000, 30_000),
    hold_in=Range(0, 10_000),
    hold_out=Range(0, 10_000),
    min_bpm=2.0,
    max_bpm=12.0,
    session_max_ms=120 * 60_000,
)

LIMITS_BY_NAME = {limits.name: limits for limits in (DEFAULT_LIMITS, CLINICIAN_LIMITS)}

_CLINICIAN_HINT = ' (a PT\'s pack with limits = "clinician" allows up to {} s)'


def _check_range(
    field: str, ms: int, allowed: Range, wider: Range | None
) -> tuple[str, str] | None:
    if ms > allowed.high_ms:
        hint = ""
        if wider is not None and ms <= wider.high_ms:
            hint = _CLINICIAN_HINT.format(format_ms(wider.high_ms))
        return field, f"{format_ms(ms)} s is over the {format_ms(allowed.high_ms)} s maximum{hint}"
    if ms < allowed.low_ms:
        return field, f"{format_ms(ms)} s is under the {format_ms(allowed.low_ms)} s minimum"
    return None


def check_pattern(pattern: Pattern, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, str]]:
    """Every bound `pattern` breaks, as (field, message); empty when it is safe to pace."""
    wider = CLINICIAN_LIMITS if limits is DEFAULT_LIMITS else None
    inhale_field = "inhale" if pattern.top_up_ms == 0 else "inhale + top_up"
    checks = [
        _check_range(
            inhale_field,
            pattern.inhale_ms + pattern.top_up_ms,
            limits.inhale,
            wider.inhale if wider else None,
        ),
        _check_range(
            "hold_in", pattern.hold_in_ms, limits.hold_in, wider.hold_in if wider else None
        ),
        _check_range("exhale", pattern.exhale_ms, limits.exhale, wider.exhale if wider else None),
        _check_range(
            "hold_out", pattern.hold_out_ms, limits.hold_out, wider.hold_out if wider else None
        ),
    ]
    problems = [problem for problem in checks if problem is not None]
    if not problems and pattern.cycle_ms > 0:
        bpm = pattern.breaths_per_minute
        if not limits.min_bpm <= bpm <= limits.max_bpm:
            problems.append(
                (
                    "rate",
                    f"{bpm:.1f} breaths a minute is outside {limits.min_bpm:g}–{limits.max_bpm:g}; "
                    "make the phases shorter or longer",
                )
            )
    return problems
