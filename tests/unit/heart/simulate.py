"""Run the finder on a simulated person through the demo source, on a fake clock."""

from __future__ import annotations

from pfrelax.core.clock import FakeClock
from pfrelax.core.heart.resonance import FinderPlan, FinderResult, find_resonance
from pfrelax.sensors.demo import DemoHeartSource
from pfrelax.sensors.person import SimulatedPerson
from pfrelax.sensors.source import Beat


def demo_beats(person: SimulatedPerson, plan: FinderPlan) -> tuple[list[Beat], DemoHeartSource]:
    clock = FakeClock(500.0)
    source = DemoHeartSource(person, clock, plan.paced_breaths)
    source.start()
    beats: list[Beat] = []
    while clock.now() < 500.0 + plan.timeline.duration_ms / 1000:
        clock.advance(1.0)
        beats.extend(source.poll())
    return beats, source


def run_finder(person: SimulatedPerson, plan: FinderPlan) -> FinderResult:
    beats, _ = demo_beats(person, plan)
    origin = 500.0
    return find_resonance([b.time_s - origin for b in beats], [b.rr_ms for b in beats], plan)
