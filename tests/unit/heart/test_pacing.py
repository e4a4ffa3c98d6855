"""Breath boundaries read from a compiled timeline."""

from __future__ import annotations

from pfrelax.core.heart.pacing import Breath, breaths_from_timeline
from pfrelax.core.pattern import Pattern, parse_shorthand
from pfrelax.core.session import BreatheStep, RestStep, Session, SpeakStep
from pfrelax.core.timeline import compile_session


def session(*steps: SpeakStep | BreatheStep | RestStep) -> Session:
    return Session(id="t", title="T", steps=steps)


def test_each_cycle_is_one_breath_with_its_in_breath_end() -> None:
    timeline = compile_session(session(BreatheStep("b", parse_shorthand("4-6"), cycles=3)))

    assert breaths_from_timeline(timeline) == (
        Breath(0.0, 4.0, 10.0),
        Breath(10.0, 14.0, 20.0),
        Breath(20.0, 24.0, 30.0),
    )


def test_a_top_up_and_a_hold_count_as_breathing_in_and_a_hold_out_ends_the_breath() -> None:
    pattern = Pattern(
        inhale_ms=2000, top_up_ms=1000, hold_in_ms=1000, exhale_ms=5000, hold_out_ms=1000
    )
    timeline = compile_session(session(BreatheStep("b", pattern, cycles=2)))

    assert breaths_from_timeline(timeline) == (Breath(0.0, 4.0, 10.0), Breath(10.0, 14.0, 20.0))


def test_one_step_s_breaths_only_and_spoken_or_rest_steps_have_none() -> None:
    timeline = compile_session(
        session(
            SpeakStep("hello", "Hello.", seconds_ms=5000),
            BreatheStep("first", parse_shorthand("4-6"), cycles=1),
            RestStep("rest", 3000),
            BreatheStep("second", parse_shorthand("3-3"), cycles=2),
        )
    )

    assert breaths_from_timeline(timeline, step=3) == (
        Breath(18.0, 21.0, 24.0),
        Breath(24.0, 27.0, 30.0),
    )
    assert len(breaths_from_timeline(timeline)) == 3
    assert breaths_from_timeline(timeline, step=0) == ()
