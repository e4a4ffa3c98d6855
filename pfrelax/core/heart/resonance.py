"""The resonance rate finder: a stepped session, each step scored, and "your pace" (or unclear).

Session: a short welcome, then about two minutes of paced breathing at each of 6.5, 6.0, 5.5, 5.0
and 4.5 breaths a minute (40:60 in:out, like the personal session it leads to), with a short rest
between. The first two breaths of each step are left out of its scores while the heart settles
into the new rhythm.

Scores per step (see `figures`): breath-by-breath peak-to-trough heart rate, LF power of the RR
series, and HR–breath phase (0° when the heart rate peaks as the in-breath ends, as at resonance).

The rule ("your pace"): each of the three criteria votes for one rate, but only when that rate
leads clearly — peak-to-trough at least 10 % above the runner-up, LF power at least 20 % above
(power goes with the square of the swing), phase at least 10° closer to 0° — and abstains
otherwise. A rate with the votes of at least two criteria, one of them the phase, is your pace.
The phase must be among them because peak-to-trough and LF power both measure the size of the
swing and can lead together by chance (in the simulation, a heart that follows every rate alike
had them agree on one rate in 2 of 30 runs), while the heart keeping step with the breath is the
mark of resonance itself. Anything else (one vote, a split, only the two swing measures, or every
criterion abstaining) is "unclear" (None): we would rather say so than name a rate the beats do
not support.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pfrelax.core.durations import RESOLUTION_MS
from pfrelax.core.heart.cleaning import FloatArray, clean_rr
from pfrelax.core.heart.figures import hr_breath_phase, lf_power, peak_to_trough
from pfrelax.core.heart.pacing import Breath, breaths_from_timeline
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Cues, Prompts, RestStep, Session, SpeakStep
from pfrelax.core.timeline import Timeline, compile_session
from pfrelax.errors import InputError

FINDER_RATES = (6.5, 6.0, 5.5, 5.0, 4.5)
PERSONAL_RATE_RANGE = (4.5, 7.0)  # CLINICAL.md §1, Shaffer & Meehan 2020
INHALE_SHARE = 0.4
EPOCH_MS = 120_000
REST_MS = 20_000
SETTLING_BREATHS = 2
MIN_EPOCH_BEATS = 20
PEAK_TO_TROUGH_LEAD = 1.10
LF_POWER_LEAD = 1.20
PHASE_LEAD_DEG = 10.0
CRITERIA = ("peak_to_trough", "lf_power", "phase")

_PROMPTS = Prompts(inhale="Breathe in, slow and gentle", exhale="And slowly out")


class ResonanceRateError(InputError, ValueError):
    """A breathing rate outside what a resonance session may use."""


def resonance_pattern(bpm: float) -> Pattern:
    """40:60 in:out of a 60/bpm s breath, each phase on the 0.1 s grid (6.5 → 3.7 s + 5.5 s)."""
    low, high = PERSONAL_RATE_RANGE
    if not low <= bpm <= high:
        raise ResonanceRateError(
            f"{bpm:g} breaths a minute is outside the resonance range {low:g}–{high:g}"
        )
    cycle_ms = _on_grid(60_000 / bpm)
    inhale_ms = _on_grid(cycle_ms * INHALE_SHARE)
    return Pattern(inhale_ms=inhale_ms, exhale_ms=cycle_ms - inhale_ms)


def _on_grid(ms: float) -> int:
    return round(ms / RESOLUTION_MS) * RESOLUTION_MS


def personal_session(bpm: float, minutes: int = 10) -> Session:
    """The personal resonance session "your pace" becomes (the caller stores it in My sessions)."""
    pattern = resonance_pattern(bpm)
    return Session(
        id=f"my-pace-{bpm:.1f}".replace(".", "-"),
        title=f"Your pace, {bpm:g} breaths a minute",
        summary="Slow breathing at the pace your own heart followed most.",
        tags=("breathing", "resonance"),
        source="Lehrer, Vaschillo & Vaschillo 2000; Shaffer & Meehan 2020 (Front Neurosci "
        "14:570400): the resonance rate is individual, 4.5–7 breaths a minute.",
        steps=(
            SpeakStep(
                "Arrive",
                "Settle in. Breathe with the guide, slow and gentle, not big.",
                seconds_ms=15_000,
            ),
            BreatheStep("Your pace", pattern, target_ms=minutes * 60_000, prompts=_PROMPTS),
            SpeakStep("Close", "Let your breath find its own way again.", seconds_ms=10_000),
        ),
    )


def finder_session() -> Session:
    """The built-in stepped session: ~2 minutes at each finder rate, short rests between."""
    steps: list[SpeakStep | BreatheStep | RestStep] = [
        SpeakStep(
            "Finding your pace",
            "We'll breathe at five slow paces, about two minutes each, with a short rest "
            "between. Follow the guide, slow and gentle, not big. There is no right answer.",
            seconds_ms=20_000,
        )
    ]
    for index, bpm in enumerate(FINDER_RATES):
        if index:
            steps.append(RestStep("Rest", REST_MS, "Breathe as you like."))
        steps.append(
            BreatheStep(
                f"{bpm:g} breaths a minute",
                resonance_pattern(bpm),
                target_ms=EPOCH_MS,
                cues=Cues.TONES,
                prompts=_PROMPTS,
            )
        )
    return Session(
        id="resonance-finder",
        title="Find your pace",
        summary="Five slow paces, two minutes each, to find the one your heart follows most.",
        tags=("breathing", "resonance"),
        steps=tuple(steps),
    )


@dataclass(frozen=True, slots=True)
class FinderEpoch:
    bpm: float
    step: int
    breaths: tuple[Breath, ...]  # the scored breaths (settling breaths left out)


@dataclass(frozen=True, slots=True)
class FinderPlan:
    session: Session
    timeline: Timeline
    epochs: tuple[FinderEpoch, ...]

    @property
    def paced_breaths(self) -> tuple[Breath, ...]:
        return breaths_from_timeline(self.timeline)


def finder_plan() -> FinderPlan:
    session = finder_session()
    timeline = compile_session(session)
    breathe_steps = [span.index for span in timeline.steps if span.kind == "breathe"]
    epochs = tuple(
        FinderEpoch(bpm, step, breaths_from_timeline(timeline, step)[SETTLING_BREATHS:])
        for bpm, step in zip(FINDER_RATES, breathe_steps, strict=True)
    )
    return FinderPlan(session, timeline, epochs)


@dataclass(frozen=True, slots=True)
class EpochScore:
    """One step's scores; NaN where the step held too few beats to score."""

    bpm: float
    peak_to_trough: float
    lf_power: float
    phase_deg: float
    beats: int
    corrected_beats: int


@dataclass(frozen=True, slots=True)
class FinderResult:
    epochs: tuple[EpochScore, ...]
    votes: dict[str, float | None]  # criterion → the rate it voted for, or None (abstained)
    chosen: float | None  # "your pace", or None: unclear
    corrected_beats: int


def find_resonance(
    times_s: Sequence[float] | FloatArray,
    raw_rr_ms: Sequence[float] | FloatArray,
    plan: FinderPlan | None = None,
) -> FinderResult:
    """Score every finder step from beats on the session's clock and apply the rule."""
    plan = plan or finder_plan()
    times = np.asarray(times_s, dtype=np.float64)
    cleaned = clean_rr(np.asarray(raw_rr_ms, dtype=np.float64))
    if len(times) != len(cleaned):
        raise ValueError(f"{len(times)} beat times for {len(cleaned)} RR intervals")
    scores = tuple(
        _score_epoch(epoch, times, cleaned.rr_ms, cleaned.corrected) for epoch in plan.epochs
    )
    votes = vote(scores)
    return FinderResult(scores, votes, choose(votes), cleaned.corrected_count)


def _score_epoch(
    epoch: FinderEpoch, times: FloatArray, rr: FloatArray, corrected: np.ndarray
) -> EpochScore:
    start, end = epoch.breaths[0].start_s, epoch.breaths[-1].end_s
    inside = (times >= start) & (times < end)
    beats = int(inside.sum())
    if beats < MIN_EPOCH_BEATS:
        return EpochScore(epoch.bpm, math.nan, math.nan, math.nan, beats, 0)
    t, r = times[inside], rr[inside]
    return EpochScore(
        bpm=epoch.bpm,
        peak_to_trough=peak_to_trough(t, r, epoch.breaths),
        lf_power=lf_power(t, r),
        phase_deg=hr_breath_phase(t, r, epoch.breaths),
        beats=beats,
        corrected_beats=int(corrected[inside].sum()),
    )


def vote(scores: Sequence[EpochScore]) -> dict[str, float | None]:
    """Each criterion's clear winner (see the module's rule), or None where none leads clearly."""
    return {
        "peak_to_trough": _clear_highest(
            scores, [s.peak_to_trough for s in scores], PEAK_TO_TROUGH_LEAD
        ),
        "lf_power": _clear_highest(scores, [s.lf_power for s in scores], LF_POWER_LEAD),
        "phase": _clear_nearest_zero(scores, [s.phase_deg for s in scores]),
    }


def choose(votes: dict[str, float | None]) -> float | None:
    """The rate the phase and at least one swing measure voted for, else None (unclear)."""
    tally = Counter(rate for rate in votes.values() if rate is not None)
    if not tally:
        return None
    rate, count = tally.most_common(1)[0]
    return rate if count >= 2 and votes.get("phase") == rate else None


def _clear_highest(
    scores: Sequence[EpochScore], values: Sequence[float], lead: float
) -> float | None:
    ranked = sorted((v, s.bpm) for v, s in zip(values, scores, strict=True) if math.isfinite(v))
    if len(ranked) < 2:
        return None
    (best, rate), (second, _) = ranked[-1], ranked[-2]
    return rate if best > 0 and best >= lead * second else None


def _clear_nearest_zero(scores: Sequence[EpochScore], phases: Sequence[float]) -> float | None:
    ranked = sorted(
        (abs(p), s.bpm) for p, s in zip(phases, scores, strict=True) if math.isfinite(p)
    )
    if len(ranked) < 2:
        return None
    (best, rate), (second, _) = ranked[0], ranked[1]
    return rate if best + PHASE_LEAD_DEG <= second else None
