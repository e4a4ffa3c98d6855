"""Timeline figures: compile a 60-minute session, at() lookups per second, 8-hour boundary error."""

from __future__ import annotations

import random
import time
from fractions import Fraction

from pfrelax.core.pattern import Pattern, parse_shorthand
from pfrelax.core.session import BreatheStep, Ramp, RestStep, Session, SpeakStep
from pfrelax.core.timeline import compile_session


def sixty_minute_session() -> Session:
    steps = []
    for block in range(10):
        text = "Let your shoulders drop. " * 4
        steps.append(SpeakStep(f"Settle {block}", text, seconds_ms=30_000))
        steps.append(
            BreatheStep(
                f"Glide {block}",
                parse_shorthand("3-4.5"),
                target_ms=300_000,
                ramp=Ramp(parse_shorthand("4-8"), 120_000),
            )
        )
        steps.append(RestStep(f"Rest {block}", 30_000, "Breathe as you like."))
    return Session(id="bench-60", title="Sixty minutes", steps=tuple(steps))


def main() -> None:
    session = sixty_minute_session()
    runs = []
    for _ in range(20):
        started = time.perf_counter()
        timeline = compile_session(session)
        runs.append(time.perf_counter() - started)
    runs.sort()
    minutes = timeline.duration_ms / 60_000
    print(f"compile a {minutes:.1f}-minute session ({len(timeline)} segments):")
    print(f"  median {runs[len(runs) // 2] * 1000:.2f} ms, worst {runs[-1] * 1000:.2f} ms")

    rng = random.Random(7)
    times = [rng.randrange(timeline.duration_ms) for _ in range(200_000)]
    started = time.perf_counter()
    for t in times:
        timeline.at(t)
    elapsed = time.perf_counter() - started
    print(f"at() lookups: {len(times) / elapsed:,.0f} per second")

    # 8 hours of a 10.1 s breath: compare the last boundary with exact rational arithmetic.
    pattern = Pattern(inhale_ms=3300, exhale_ms=6700, hold_out_ms=100)
    cycles = 8 * 3600 * 10 // 101
    eight_hours = compile_session(
        Session(id="bench-8h", title="8 h", steps=(BreatheStep("b", pattern, cycles=cycles),))
    )
    exact_end = Fraction(cycles) * Fraction("10.1") * 1000
    error = abs(Fraction(eight_hours.duration_ms) - exact_end)
    hours = eight_hours.duration_ms / 3_600_000
    print(f"boundary error after {hours:.2f} h: {float(error):.0f} ms")


if __name__ == "__main__":
    main()
