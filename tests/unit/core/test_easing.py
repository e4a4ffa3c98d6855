"""Breath easing: eased (never linear), monotonic within a breath, continuous across phases."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pfrelax.core.easing import (
    REST_LEVEL,
    TOP_UP_SIP,
    breath_level,
    cycle_peak,
    cycle_segments,
    ease_in_out_sine,
    segment_level,
)
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, RestStep, SpeakStep
from pfrelax.core.timeline import SegmentKind, Timeline, compile_session

from .sessions import every_kind, session_of

FULL_WITH_SIP = 1.0 + TOP_UP_SIP


def _timeline() -> Timeline:
    return compile_session(every_kind())


def _first(timeline: Timeline, kind: SegmentKind) -> int:
    return next(i for i, s in enumerate(timeline.segments) if s.kind is kind)


def _level(timeline: Timeline, index: int, fraction: float) -> float:
    segment = timeline.segments[index]
    t = segment.start_ms + segment.duration_ms * fraction
    return segment_level(segment, t, cycle_peak(timeline.segments, index))


def test_ease_starts_and_ends_at_rest_and_passes_the_middle_halfway() -> None:
    assert ease_in_out_sine(0.0) == 0.0
    assert ease_in_out_sine(1.0) == 1.0
    assert ease_in_out_sine(0.5) == pytest.approx(0.5)


def test_ease_clamps_outside_zero_to_one() -> None:
    assert ease_in_out_sine(-0.3) == 0.0
    assert ease_in_out_sine(1.7) == 1.0


def test_ease_is_not_linear_it_is_still_at_both_ends() -> None:
    h = 1e-3
    start_speed = (ease_in_out_sine(h) - ease_in_out_sine(0.0)) / h
    end_speed = (ease_in_out_sine(1.0) - ease_in_out_sine(1.0 - h)) / h
    middle_speed = (ease_in_out_sine(0.5 + h) - ease_in_out_sine(0.5 - h)) / (2 * h)
    assert start_speed < 0.01
    assert end_speed < 0.01
    assert middle_speed == pytest.approx(1.5708, abs=1e-3)  # π/2: faster than linear


def test_lungs_fill_steadily_through_the_inhale() -> None:
    timeline = _timeline()
    index = _first(timeline, SegmentKind.INHALE)
    levels = [_level(timeline, index, n / 50) for n in range(51)]
    assert levels[0] == 0.0
    assert levels[-1] == pytest.approx(1.0)
    assert all(a < b for a, b in itertools.pairwise(levels))


def test_lungs_empty_steadily_through_the_exhale_from_the_top_up_peak() -> None:
    timeline = _timeline()
    index = _first(timeline, SegmentKind.EXHALE)  # the sigh: its cycle has a top-up
    levels = [_level(timeline, index, n / 50) for n in range(51)]
    assert levels[0] == pytest.approx(FULL_WITH_SIP)
    assert levels[-1] == pytest.approx(0.0)
    assert all(a > b for a, b in itertools.pairwise(levels))


def test_a_top_up_sips_above_full() -> None:
    timeline = _timeline()
    index = _first(timeline, SegmentKind.TOP_UP)
    assert _level(timeline, index, 0.0) == pytest.approx(1.0)
    assert _level(timeline, index, 1.0) == pytest.approx(FULL_WITH_SIP)


def test_holds_keep_the_lungs_where_the_breath_left_them() -> None:
    timeline = _timeline()  # the box step: 4-4-4-4, no top-up
    hold_in = _first(timeline, SegmentKind.HOLD_IN)
    hold_out = _first(timeline, SegmentKind.HOLD_OUT)
    assert {_level(timeline, hold_in, f) for f in (0.0, 0.5, 1.0)} == {1.0}
    assert {_level(timeline, hold_out, f) for f in (0.0, 0.5, 1.0)} == {0.0}


def test_a_hold_after_a_top_up_stays_at_the_sip_peak() -> None:
    timeline = compile_session(
        session_of(BreatheStep("Sip and hold", Pattern(3000, 4000, 2000, 0, 1000), cycles=1))
    )
    index = _first(timeline, SegmentKind.HOLD_IN)
    assert _level(timeline, index, 0.5) == pytest.approx(FULL_WITH_SIP)


def test_speaking_settles_to_a_calm_resting_level_and_back() -> None:
    timeline = compile_session(session_of(SpeakStep("Hello", "Settle in.", seconds_ms=20_000)))
    assert _level(timeline, 0, 0.0) == 0.0
    assert _level(timeline, 0, 0.5) == pytest.approx(REST_LEVEL, abs=0.05)
    assert _level(timeline, 0, 1.0) == pytest.approx(0.0, abs=1e-9)


def test_every_phase_boundary_of_a_session_is_continuous() -> None:
    timeline = _timeline()
    for index in range(1, len(timeline.segments)):
        boundary = timeline.segments[index].start_ms
        before = segment_level(
            timeline.segments[index - 1], boundary, cycle_peak(timeline.segments, index - 1)
        )
        after = segment_level(
            timeline.segments[index], boundary, cycle_peak(timeline.segments, index)
        )
        assert before == pytest.approx(after, abs=1e-9), timeline.segments[index]


tenths = st.integers(min_value=1, max_value=120).map(lambda n: n * 100)
maybe = st.one_of(st.just(0), tenths)


@settings(max_examples=60, deadline=None)
@given(
    inhale=tenths,
    exhale=tenths,
    hold_in=maybe,
    hold_out=maybe,
    top_up=maybe,
    rest=st.integers(min_value=100, max_value=20_000),
)
def test_any_pattern_between_rests_never_jumps(
    inhale: int, exhale: int, hold_in: int, hold_out: int, top_up: int, rest: int
) -> None:
    pattern = Pattern(inhale, exhale, hold_in, hold_out, top_up)
    timeline = compile_session(
        session_of(
            RestStep("Before", rest),
            BreatheStep("Breathe", pattern, cycles=2),
            SpeakStep("After", "Well done.", seconds_ms=rest),
        )
    )
    segments = timeline.segments
    for index in range(1, len(segments)):
        boundary = segments[index].start_ms
        before = segment_level(segments[index - 1], boundary, cycle_peak(segments, index - 1))
        after = segment_level(segments[index], boundary, cycle_peak(segments, index))
        assert before == pytest.approx(after, abs=1e-9)
        assert 0.0 <= after <= FULL_WITH_SIP


def test_breath_level_reads_a_moment_from_the_timeline() -> None:
    timeline = _timeline()
    index = _first(timeline, SegmentKind.INHALE)
    segment = timeline.segments[index]
    moment = timeline.at(segment.start_ms + segment.duration_ms // 2)
    assert breath_level(moment) == pytest.approx(0.5)


def test_cycle_segments_are_the_phases_of_one_breath() -> None:
    timeline = _timeline()
    index = _first(timeline, SegmentKind.HOLD_IN)  # inside the box breath
    kinds = [s.kind for s in cycle_segments(timeline.segments, index)]
    assert kinds == ["inhale", "hold_in", "exhale", "hold_out"]
    speak = _first(timeline, SegmentKind.SPEAK)
    assert list(cycle_segments(timeline.segments, speak)) == [timeline.segments[speak]]


def test_only_a_breath_with_a_top_up_peaks_above_full() -> None:
    timeline = _timeline()
    sigh_exhale = _first(timeline, SegmentKind.EXHALE)
    box_exhale = next(
        i
        for i, s in enumerate(timeline.segments)
        if s.kind is SegmentKind.EXHALE
        and s.step == timeline.segments[_first(timeline, SegmentKind.HOLD_IN)].step
    )
    assert cycle_peak(timeline.segments, sigh_exhale) == pytest.approx(FULL_WITH_SIP)
    assert cycle_peak(timeline.segments, box_exhale) == 1.0
