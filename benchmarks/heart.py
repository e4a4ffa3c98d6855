"""Heart figures: the resonance finder on a demo person, RR cleaning and run figures for an hour."""

from __future__ import annotations

import time

from pfrelax.core.clock import FakeClock
from pfrelax.core.heart.cleaning import clean_rr
from pfrelax.core.heart.figures import run_figures
from pfrelax.core.heart.resonance import find_resonance, finder_plan
from pfrelax.sensors.demo import DemoHeartSource
from pfrelax.sensors.person import SimulatedPerson
from pfrelax.sensors.source import Beat


def demo_session(seconds: float, person: SimulatedPerson) -> list[Beat]:
    plan = finder_plan()
    clock = FakeClock(0.0)
    source = DemoHeartSource(person, clock, plan.paced_breaths)
    source.start()
    beats: list[Beat] = []
    while clock.now() < seconds:
        clock.advance(1.0)
        beats.extend(source.poll())
    return beats


def median_ms(runs: list[float]) -> float:
    return sorted(runs)[len(runs) // 2] * 1000


def main() -> None:
    plan = finder_plan()
    session_s = plan.timeline.duration_ms / 1000
    started = time.perf_counter()
    beats = demo_session(session_s, SimulatedPerson(resonance_bpm=5.5, seed=1))
    simulate_s = time.perf_counter() - started
    print(f"demo source, {session_s / 60:.1f}-minute finder session in accelerated time:")
    print(f"  {len(beats)} beats through 0x2A37 bytes in {simulate_s * 1000:.0f} ms")

    times = [b.time_s for b in beats]
    rr = [b.rr_ms for b in beats]
    runs = []
    for _ in range(10):
        started = time.perf_counter()
        result = find_resonance(times, rr, plan)
        runs.append(time.perf_counter() - started)
    print(
        f"finder (clean + score 5 paces + rule): median {median_ms(runs):.1f} ms, "
        f"worst {max(runs) * 1000:.1f} ms; chose {result.chosen}"
    )

    hour = demo_session(3600, SimulatedPerson(resonance_bpm=6.0, seed=2))
    hour_rr = [b.rr_ms for b in hour]
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        clean_rr(hour_rr)
        runs.append(time.perf_counter() - started)
    print(f"clean an hour's RR ({len(hour)} beats): median {median_ms(runs):.1f} ms")
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        run_figures([b.time_s for b in hour], hour_rr, plan.paced_breaths)
        runs.append(time.perf_counter() - started)
    print(f"run figures for that hour: median {median_ms(runs):.1f} ms")


if __name__ == "__main__":
    main()
