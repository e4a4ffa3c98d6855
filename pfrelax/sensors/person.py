"""A simulated person's heartbeats: heart rate swings with the breath, most at their resonance.

The swing follows a resonant second-order response to the breathing rate (quality `q`): at the
person's resonance rate the heart rate swings the most and peaks as the in-breath ends (0°); at
slower rates it peaks earlier and at faster rates later, as in Lehrer & Vaschillo's baroreflex
model. A "flat" person (no resonance rate) swings the same at every rate, with the same phase.
Outside paced breaths they breathe on their own at 12 a minute. RR intervals get Gaussian noise
and, now and then, an ectopic beat: a premature interval followed by a compensatory long one.
"""

from __future__ import annotations

import bisect
import cmath
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pfrelax.core.heart.pacing import Breath

SPONTANEOUS_BPM = 12.0
FLAT_PHASE_DEG = -30.0
ECTOPIC_GAP_BEATS = 12  # never two ectopic beats closer than this
PREMATURE_SHARE = 0.62


@dataclass(frozen=True, slots=True)
class SimulatedPerson:
    """`resonance_bpm` None: a flat person whose heart follows every rate alike."""

    resonance_bpm: float | None = 5.5
    base_hr_bpm: float = 66.0
    max_swing_bpm: float = 14.0  # peak-to-trough at the resonance rate
    q: float = 5.0
    noise_ms: float = 12.0
    ectopic_per_beat: float = 0.004
    seed: int = 0

    def swing(self, breathing_bpm: float) -> tuple[float, float]:
        """(half the peak-to-trough swing in bpm, phase in degrees) when breathing at this rate."""
        if self.resonance_bpm is None:
            return self.max_swing_bpm * 0.35 / 2, FLAT_PHASE_DEG
        ratio = breathing_bpm / self.resonance_bpm
        response = 1 / complex(1 - ratio**2, ratio / self.q)
        gain = abs(response) / self.q  # 1 at resonance
        return self.max_swing_bpm / 2 * gain, math.degrees(cmath.phase(response)) + 90


def beats(
    person: SimulatedPerson, paced: Sequence[Breath] = ()
) -> Iterator[tuple[float, float, bool]]:
    """Endless (beat time s, RR ms, ectopic?) from t = 0, breathing along with `paced`.

    Both odd intervals of an ectopic beat (the premature one and the pause after it) are marked.
    """
    rng = random.Random(person.seed)
    starts = [breath.start_s for breath in paced]
    t = 0.0
    since_ectopic = ECTOPIC_GAP_BEATS
    while True:
        # The interval reflects the heart rate across it, so read the rate at its middle.
        first_guess = 60_000 / _heart_rate(person, paced, starts, t)
        middle = t + first_guess / 2000
        rr = 60_000 / _heart_rate(person, paced, starts, middle) + rng.gauss(0, person.noise_ms)
        since_ectopic += 1
        if since_ectopic > ECTOPIC_GAP_BEATS and rng.random() < person.ectopic_per_beat:
            since_ectopic = 0
            premature = rr * PREMATURE_SHARE
            t += premature / 1000
            yield t, premature, True
            rr = 2 * rr - premature  # the compensatory pause restores the rhythm
            t += rr / 1000
            yield t, rr, True
            continue
        t += rr / 1000
        yield t, rr, False


def _heart_rate(
    person: SimulatedPerson, paced: Sequence[Breath], starts: list[float], t: float
) -> float:
    index = bisect.bisect_right(starts, t) - 1
    if index >= 0 and t < paced[index].end_s:
        breath = paced[index]
        angle = 2 * math.pi * (t - breath.inhale_end_s) / breath.cycle_s
        amplitude, phase = person.swing(60 / breath.cycle_s)
    else:
        angle = 2 * math.pi * t * SPONTANEOUS_BPM / 60
        amplitude, phase = person.swing(SPONTANEOUS_BPM)
    drift = 1.5 * math.sin(2 * math.pi * 0.015 * t)  # slower than any breath, below the LF band
    return person.base_hr_bpm + drift + amplitude * math.cos(angle + math.radians(phase))
