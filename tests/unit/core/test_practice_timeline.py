"""Pelvic floor and dilator steps laid out in exact milliseconds, and a paced stay that grows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pfrelax.core.pattern import Pattern, parse_shorthand
from pfrelax.core.pelvic import DRAW_UP, LET_GO, NOTHING_TO_DO, SOFTEN, pelvic_level
from pfrelax.core.session import (
    DilatorStep,
    InsertOn,
    PelvicFloorStep,
    PelvicKind,
    PelvicPrompts,
    RestStep,
    SpeakStep,
)
from pfrelax.core.timeline import PELVIC_KINDS, SegmentKind, Stage, Timeline, compile_session

from .sessions import session_of

PF = SegmentKind


def spans(timeline: Timeline, step: int) -> list[tuple[int, int, str]]:
    return [(s.start_ms, s.end_ms, s.kind.value) for s in timeline.segments if s.step == step]


def dilator(**changes: object) -> DilatorStep:
    fields: dict[str, object] = {
        "title": "Practice",
        "pattern": parse_shorthand("4-6"),
        "settle_ms": 60_000,
        "insert_breaths": 2,
        "stay_ms": 30_000,
        "stay_max_ms": 60_000,
        "move_breaths": 1,
        "remove_breaths": 2,
    }
    fields.update(changes)
    return DilatorStep(**fields)  # type: ignore[arg-type]


def test_release_reps_alternate_release_and_rest_to_the_millisecond() -> None:
    step = PelvicFloorStep("Let go", reps=3, release_ms=10_000, rest_ms=4_500)
    timeline = compile_session(session_of(SpeakStep("Hi", "Hello.", 2_000), step))
    assert spans(timeline, 1) == [
        (2_000, 12_000, "pf_release"),
        (12_000, 16_500, "pf_rest"),
        (16_500, 26_500, "pf_release"),
        (26_500, 31_000, "pf_rest"),
        (31_000, 41_000, "pf_release"),
        (41_000, 45_500, "pf_rest"),
    ]
    assert [s.rep for s in timeline.segments[1:]] == [0, 0, 1, 1, 2, 2]
    assert timeline.steps[1].kind == "pelvic_floor"
    assert timeline.steps[1].cycles == 3
    assert timeline.duration_ms == 45_500


def test_contract_release_reps_are_contract_release_rest_and_a_zero_rest_is_left_out() -> None:
    step = PelvicFloorStep(
        "Draw up",
        PelvicKind.CONTRACT_RELEASE,
        reps=2,
        contract_ms=2_500,
        release_ms=7_300,
        rest_ms=0,
    )
    timeline = compile_session(session_of(step))
    assert spans(timeline, 0) == [
        (0, 2_500, "pf_contract"),
        (2_500, 9_800, "pf_release"),
        (9_800, 12_300, "pf_contract"),
        (12_300, 19_600, "pf_release"),
    ]


def test_captions_say_soften_draw_up_and_let_go_unless_the_step_has_its_own() -> None:
    release = compile_session(session_of(PelvicFloorStep("a", reps=1)))
    assert [s.prompt for s in release.segments] == [SOFTEN, NOTHING_TO_DO]
    contract = compile_session(session_of(PelvicFloorStep("b", PelvicKind.CONTRACT_RELEASE, 1)))
    assert [s.prompt for s in contract.segments] == [DRAW_UP, LET_GO, NOTHING_TO_DO]
    assert DRAW_UP == "Gently draw up — about a third"
    own = PelvicFloorStep("c", reps=1, prompts=PelvicPrompts(release="Melt", rest="Be"))
    assert [s.prompt for s in compile_session(session_of(own)).segments] == ["Melt", "Be"]


def test_pelvic_level_glides_up_on_a_contraction_down_on_release_and_back_at_rest() -> None:
    step = PelvicFloorStep("d", PelvicKind.CONTRACT_RELEASE, 1, 30, 2_000, 4_000, 2_000)
    timeline = compile_session(session_of(RestStep("r", 1_000), step))
    assert pelvic_level(timeline, 500) == 0.0  # not a pelvic floor step
    assert pelvic_level(timeline, 1_000) == 0.0
    assert pelvic_level(timeline, 2_000) == pytest.approx(0.5)  # half-way up
    assert pelvic_level(timeline, 3_000) == pytest.approx(1.0)  # top: the release begins
    assert pelvic_level(timeline, 5_000) == pytest.approx(0.0)  # half-way down
    assert pelvic_level(timeline, 7_000) == pytest.approx(-1.0)  # fully let go
    assert pelvic_level(timeline, 8_000) == pytest.approx(-0.5)
    assert pelvic_level(timeline, 9_000) == pytest.approx(0.0)  # the end


def test_pelvic_level_is_continuous_across_every_boundary() -> None:
    step = PelvicFloorStep("e", PelvicKind.CONTRACT_RELEASE, 3, 30, 3_000, 10_000, 4_000)
    timeline = compile_session(session_of(step))
    for segment in timeline.segments:
        before = pelvic_level(timeline, segment.start_ms - 0.001)
        assert pelvic_level(timeline, segment.start_ms) == pytest.approx(before, abs=1e-6)
    assert all(s.kind in PELVIC_KINDS for s in timeline.segments)


def test_dilator_stages_run_whole_breaths_with_the_stay_at_its_minimum() -> None:
    timeline = compile_session(session_of(dilator()))
    stages = [s.stage for s in timeline.segments if s.kind is PF.INHALE]
    # settle 60 s = 6 breaths, insert 2, stay 30 s = 3, move 1, remove 2
    assert (
        stages
        == [Stage.SETTLE] * 6
        + [Stage.INSERT] * 2
        + [Stage.STAY] * 3
        + [Stage.MOVE]
        + [Stage.REMOVE] * 2
    )
    assert timeline.duration_ms == 14 * 10_000
    assert [s.cycle for s in timeline.segments[::2]] == list(range(14))
    (stay,) = timeline.paced_stages
    assert (stay.start_ms, stay.end_ms, stay.offer_ms) == (80_000, 110_000, 110_000)
    assert (stay.min_cycles, stay.max_cycles, stay.cycle_ms) == (3, 6, 10_000)
    assert timeline.steps[0].kind == "dilator"
    assert timeline.steps[0].cycles == 14


def test_the_stay_covers_its_minimum_seconds_and_settle_rounds_to_the_nearest_breath() -> None:
    # 7 s breaths: settle 60 s → 9 breaths (63 s; 8 would be 56 s); stay 30 s → 5 breaths (35 s)
    step = dilator(pattern=parse_shorthand("3-4"), move_breaths=0, stay_max_ms=50_000)
    timeline = compile_session(session_of(step))
    stay = timeline.paced_stages[0]
    assert stay.start_ms == (9 + 2) * 7_000
    assert stay.min_cycles == 5
    assert stay.max_cycles == 7  # whole breaths within 50 s
    assert stay.offer_ms == stay.start_ms + 30_000  # Continue is offered after 30 s


def test_insertion_moves_on_the_in_breath_or_on_the_out_breath_when_the_pt_says_so() -> None:
    def insert_prompts(step: DilatorStep) -> list[str]:
        timeline = compile_session(session_of(step))
        return [s.prompt for s in timeline.segments if s.stage is Stage.INSERT][:2]

    on_inhale = insert_prompts(dilator())
    assert on_inhale[0].startswith("Insert slowly as you breathe in")
    assert on_inhale[1] == "Pause and keep breathing"
    on_exhale = insert_prompts(dilator(insert_on=InsertOn.EXHALE))
    assert on_exhale[0] == "Pause and keep breathing"
    assert on_exhale[1].startswith("Insert slowly as you breathe out")


def test_extra_cycles_shift_everything_after_the_stay_by_exactly_that_many_breaths() -> None:
    session = session_of(SpeakStep("Hi", "Hello.", 5_000), dilator(), RestStep("r", 3_000))
    timeline = compile_session(session)
    for n in (1, 2, 3):
        grown = timeline.with_extra_cycles(0, n)
        shift = n * 10_000
        stay = grown.paced_stages[0]
        assert (stay.extra_cycles, stay.end_ms) == (n, timeline.paced_stages[0].end_ms + shift)
        assert grown.duration_ms == timeline.duration_ms + shift
        before = [s for s in timeline.segments if s.start_ms < 115_000]
        assert list(grown.segments[: len(before)]) == before
        after = [s for s in timeline.segments if s.start_ms >= 115_000]
        moved = list(grown.segments[len(grown.segments) - len(after) :])
        assert [(s.start_ms, s.end_ms) for s in moved] == [
            (s.start_ms + shift, s.end_ms + shift) for s in after
        ]
        assert [s.stage for s in moved] == [s.stage for s in after]
        added = grown.segments[len(before) : len(grown.segments) - len(after)]
        assert {s.stage for s in added} == {Stage.STAY}
        assert len(added) == 2 * n
        assert grown.steps[2].start_ms == timeline.steps[2].start_ms + shift
        assert grown.steps[1].cycles == timeline.steps[1].cycles + n
    assert timeline.paced_stages[0].extra_cycles == 0  # the original is untouched


def test_extra_cycles_can_be_taken_back_but_not_beyond_the_minimum_or_the_maximum() -> None:
    timeline = compile_session(session_of(dilator(), RestStep("r", 3_000)))
    grown = timeline.with_extra_cycles(0, 3)
    back = grown.with_extra_cycles(0, -3)
    assert back.segments == timeline.segments
    assert back.steps == timeline.steps
    with pytest.raises(ValueError, match="3–6 cycles"):
        grown.with_extra_cycles(0, 1)  # 3 + 3 is already the 60 s maximum
    with pytest.raises(ValueError, match="it has 3, so -1 is out of range"):
        timeline.with_extra_cycles(0, -1)


def test_breath_and_pelvic_floor_segments_each_start_a_cue_point() -> None:
    timeline = compile_session(session_of(PelvicFloorStep("a", reps=2), dilator()))
    kinds = [point.kind for point in timeline.cue_points()]
    assert kinds[:4] == ["pf_release", "pf_rest", "pf_release", "pf_rest"]
    assert kinds[4:6] == ["inhale", "exhale"]
    assert kinds[-1] == "end"


def test_the_breath_rests_calmly_across_a_whole_pelvic_floor_step() -> None:
    from pfrelax.core.easing import REST_LEVEL, REST_SWAY, breath_level

    step = PelvicFloorStep("f", PelvicKind.CONTRACT_RELEASE, 3, 30, 3_000, 10_000, 4_000)
    timeline = compile_session(session_of(step))
    assert breath_level(timeline.at(0)) == 0.0  # settles in from empty, as a rest step does
    for segment in timeline.segments[1:]:  # no dip back to empty at a boundary inside the step
        level = breath_level(timeline.at(segment.start_ms))
        assert level >= REST_LEVEL - REST_SWAY - 1e-9


@settings(max_examples=60, deadline=None)
@given(
    inhale=st.integers(10, 80),
    exhale=st.integers(20, 150),
    settle=st.integers(600, 3000),
    stay=st.integers(300, 1200),
    extra=st.integers(0, 12),
    move=st.integers(0, 3),
)
def test_any_number_of_extra_breaths_keeps_the_timeline_exact_and_contiguous(
    inhale: int, exhale: int, settle: int, stay: int, extra: int, move: int
) -> None:
    step = DilatorStep(
        "p",
        Pattern(inhale_ms=inhale * 100, exhale_ms=exhale * 100),
        settle_ms=settle * 100,
        stay_ms=stay * 100,
        stay_max_ms=stay * 100 + 12 * (inhale + exhale) * 100,
        move_breaths=move,
    )
    timeline = compile_session(session_of(step, RestStep("r", 1_000)))
    grown = timeline.with_extra_cycles(0, extra)
    cycle = step.pattern.cycle_ms
    assert grown.duration_ms == timeline.duration_ms + extra * cycle
    assert [s.start_ms for s in grown.segments[1:]] == [s.end_ms for s in grown.segments[:-1]]
    assert grown.steps[1].start_ms == timeline.steps[1].start_ms + extra * cycle
    breaths = [s.cycle for s in grown.segments if s.kind is SegmentKind.INHALE]
    assert breaths == list(range(len(breaths)))
