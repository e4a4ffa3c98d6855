"""The timeline: exact integer boundaries, whole breaths, O(log n) lookups that agree."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pfrelax.core.pattern import Pattern
from pfrelax.core.session import (
    BreatheStep,
    PelvicFloorStep,
    PelvicKind,
    RestStep,
    SpeakStep,
)
from pfrelax.core.timeline import SegmentKind, TimelineError, compile_session

from .sessions import every_kind, ramped, session_of

AnyStep = BreatheStep | SpeakStep | RestStep
tenths = st.integers(min_value=1, max_value=150).map(lambda n: n * 100)
maybe_tenths = st.one_of(st.just(0), tenths)


@st.composite
def patterns(draw: st.DrawFn) -> Pattern:
    return Pattern(
        inhale_ms=draw(tenths),
        exhale_ms=draw(tenths),
        hold_in_ms=draw(maybe_tenths),
        hold_out_ms=draw(maybe_tenths),
        top_up_ms=draw(maybe_tenths),
    )


@st.composite
def steps(draw: st.DrawFn) -> AnyStep:
    kind = draw(st.sampled_from(["breathe-time", "breathe-cycles", "speak", "rest"]))
    if kind == "breathe-time":
        return BreatheStep("b", draw(patterns()), target_ms=draw(tenths) * 10)
    if kind == "breathe-cycles":
        return BreatheStep("b", draw(patterns()), cycles=draw(st.integers(1, 12)))
    if kind == "speak":
        return SpeakStep("s", "Hello there. Breathe.", seconds_ms=draw(tenths))
    return RestStep("r", draw(tenths))


@given(st.lists(steps(), min_size=1, max_size=8))
@settings(max_examples=200)
def test_segments_are_contiguous_from_zero_and_sum_to_duration(step_list: list[AnyStep]) -> None:
    timeline = compile_session(session_of(*step_list))
    assert timeline.segments[0].start_ms == 0
    for before, after in zip(timeline.segments, timeline.segments[1:], strict=False):
        assert before.end_ms == after.start_ms
        assert before.duration_ms > 0
    assert sum(s.duration_ms for s in timeline.segments) == timeline.duration_ms
    assert timeline.steps[-1].end_ms == timeline.duration_ms


@given(st.lists(steps(), min_size=1, max_size=6), st.data())
@settings(max_examples=200)
def test_at_agrees_with_the_segments(step_list: list[AnyStep], data: st.DataObject) -> None:
    timeline = compile_session(session_of(*step_list))
    t = data.draw(st.integers(0, timeline.duration_ms - 1))
    moment = timeline.at(t)
    segment = moment.segment
    assert segment.start_ms <= t < segment.end_ms
    assert moment.progress == (t - segment.start_ms) / segment.duration_ms
    assert moment.phase_left_ms == segment.end_ms - t
    assert moment.session_left_ms == timeline.duration_ms - t
    assert timeline.steps[moment.step.index] == moment.step


@given(patterns(), st.integers(1, 600).map(lambda n: n * 1000))
def test_timed_step_ends_on_the_nearest_whole_breath(pattern: Pattern, target: int) -> None:
    timeline = compile_session(session_of(BreatheStep("b", pattern, target_ms=target)))
    cycles = timeline.duration_ms // pattern.cycle_ms
    assert timeline.duration_ms == cycles * pattern.cycle_ms  # whole breaths only
    assert timeline.segments[-1].kind in (SegmentKind.EXHALE, SegmentKind.HOLD_OUT)
    assert cycles >= 1
    # The nearest boundary: neither one breath fewer nor one more would be closer (ties run long).
    if cycles > 1:
        assert abs(timeline.duration_ms - target) <= abs(target - (cycles - 1) * pattern.cycle_ms)
    assert abs(timeline.duration_ms - target) < abs((cycles + 1) * pattern.cycle_ms - target)


def test_cycles_are_exact() -> None:
    step = BreatheStep("478", Pattern(4000, 8000, hold_in_ms=7000), cycles=4)
    timeline = compile_session(session_of(step))
    assert timeline.duration_ms == 4 * 19_000
    assert timeline.steps[0].cycles == 4


def test_rounding_rule_example_ten_minutes_of_a_seven_second_breath() -> None:
    # 600 s / 7 s = 85.7 breaths: 86 breaths end 2 s late, 85 would end 5 s early.
    step = BreatheStep("b", Pattern(3000, 4000), target_ms=600_000)
    assert compile_session(session_of(step)).duration_ms == 86 * 7000


def test_eight_hours_end_exactly_where_arithmetic_says() -> None:
    # 10.1 s per breath: a number floats cannot add up exactly.
    pattern = Pattern(inhale_ms=3300, exhale_ms=6700, hold_out_ms=100)
    step = BreatheStep("long", pattern, cycles=8 * 3600 * 10 // 101)
    timeline = compile_session(session_of(step))
    assert timeline.duration_ms == step.cycles * 10_100  # type: ignore[operator]
    last_cycle_start = (step.cycles - 1) * 10_100  # type: ignore[operator]
    assert timeline.segments[-3].start_ms == last_cycle_start


def test_every_segment_kind_is_produced() -> None:
    drill = PelvicFloorStep("Find and let go", PelvicKind.CONTRACT_RELEASE, reps=1)
    session = every_kind()
    session = replace(session, steps=(*session.steps, drill))
    kinds = {segment.kind for segment in compile_session(session).segments}
    assert kinds == set(SegmentKind)


def test_prompts_follow_the_phase() -> None:
    timeline = compile_session(every_kind())
    by_kind = {segment.kind: segment.prompt for segment in timeline.segments}
    assert by_kind[SegmentKind.TOP_UP] == "Sip"
    assert by_kind[SegmentKind.HOLD_IN] == "Hold"
    assert by_kind[SegmentKind.HOLD_OUT] == "Hold"


def test_ramp_glides_cycle_by_cycle_to_the_target() -> None:
    timeline = compile_session(ramped())
    exhales = [s.duration_ms for s in timeline.segments if s.kind is SegmentKind.EXHALE]
    assert exhales[0] == 4500
    assert exhales[-1] == 8000
    assert exhales == sorted(exhales)
    assert all(ms % 100 == 0 for ms in exhales)


def test_speak_captions_cover_the_step_in_order() -> None:
    timeline = compile_session(every_kind())
    assert timeline.at(0).caption == "Settle in. Let your shoulders drop."
    rest_start = timeline.steps[-1].start_ms
    assert timeline.at(rest_start + 1).caption == "Let your breath find its own rhythm."


def test_end_of_session_is_finished() -> None:
    timeline = compile_session(every_kind())
    moment = timeline.at(timeline.duration_ms + 5_000)
    assert moment.finished
    assert moment.progress == 1.0
    assert moment.session_left_ms == 0


def test_cue_points_start_every_paced_phase_and_ring_at_the_end() -> None:
    timeline = compile_session(every_kind())
    points = timeline.cue_points()
    breath_starts = [s.start_ms for s in timeline.segments if s.kind not in ("speak", "rest")]
    assert [p.time_ms for p in points if p.kind not in ("speak", "end")] == breath_starts
    assert points[-1].kind == "end"
    assert points[-1].time_ms == timeline.duration_ms


def test_narration_of_unknown_length_is_an_error() -> None:
    step = SpeakStep("Arrive", "Hello", audio="audio/arrive.ogg")
    with pytest.raises(TimelineError, match="needs `seconds` or an audio file of known length"):
        compile_session(session_of(step))
    timeline = compile_session(session_of(step), audio_length_ms=lambda _path: 12_345)
    assert timeline.duration_ms == 12_345
