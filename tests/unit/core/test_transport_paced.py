"""The transport waits in a patient-paced stay: whole breaths until Continue, exact throughout."""

from __future__ import annotations

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import DilatorStep, RestStep, SpeakStep
from pfrelax.core.timeline import Stage, compile_session
from pfrelax.core.transport import State, Transport

from .sessions import session_of

CYCLE_MS = 10_000
# speak 0–5 s; then the dilator step's 10 s breaths: settle 6, insert 2, stay at least 3 (at
# most 9), move 1, remove 2; then a 3 s rest.
STAY_START_MS = 5_000 + 8 * CYCLE_MS
STAY_END_MS = STAY_START_MS + 3 * CYCLE_MS


def make() -> tuple[Transport, FakeClock]:
    step = DilatorStep(
        "Practice",
        parse_shorthand("4-6"),
        settle_ms=60_000,
        insert_breaths=2,
        stay_ms=30_000,
        stay_max_ms=90_000,
        move_breaths=1,
        remove_breaths=2,
    )
    session = session_of(SpeakStep("Hi", "Hello.", 5_000), step, RestStep("r", 3_000))
    clock = FakeClock()
    transport = Transport(compile_session(session), clock, count_in_ms=0)
    transport.start()
    return transport, clock


def play_to(transport: Transport, clock: FakeClock, position_ms: int) -> None:
    """Advance in 100 ms ticks, as the player's frame timer would, until `position_ms`."""
    while transport.position_ms() < position_ms:
        clock.advance(0.1)


def test_without_continue_the_stay_grows_one_whole_breath_at_a_time() -> None:
    transport, clock = make()
    play_to(transport, clock, STAY_END_MS)
    assert transport.timeline.paced_stages[0].extra_cycles == 1
    moment = transport.moment()
    assert moment.segment.stage is Stage.STAY  # the next breath is a staying breath
    assert moment.time_ms == STAY_END_MS
    wait = transport.stage_wait()
    assert wait is not None
    assert (wait.waiting, wait.offered, wait.continued, wait.at_limit) == (True, True, False, False)


def test_n_waits_shift_every_later_boundary_by_exactly_n_whole_cycles() -> None:
    for waits in (1, 2, 3):
        transport, clock = make()
        original = compile_session(transport.timeline.session)
        play_to(transport, clock, STAY_END_MS + (waits - 1) * CYCLE_MS + 2_500)
        transport.continue_stage()
        play_to(transport, clock, transport.timeline.duration_ms)
        assert transport.state is State.FINISHED
        timeline = transport.timeline
        assert timeline.paced_stages[0].extra_cycles == waits
        shift = waits * CYCLE_MS
        late = [s for s in original.segments if s.start_ms >= STAY_END_MS]
        grown = timeline.segments[len(timeline.segments) - len(late) :]
        assert [(s.start_ms, s.kind, s.stage) for s in grown] == [
            (s.start_ms + shift, s.kind, s.stage) for s in late
        ]
        assert timeline.duration_ms == original.duration_ms + shift


def test_continue_during_the_minimum_stay_adds_nothing() -> None:
    transport, clock = make()
    play_to(transport, clock, STAY_START_MS + 12_000)
    transport.continue_stage()
    play_to(transport, clock, STAY_END_MS + 100)
    assert transport.timeline.paced_stages[0].extra_cycles == 0
    assert transport.moment().segment.stage is Stage.MOVE


def test_continue_ends_the_stay_after_the_breath_in_progress() -> None:
    transport, clock = make()
    play_to(transport, clock, STAY_END_MS + 4_000)  # in the first appended breath
    transport.continue_stage()
    wait = transport.stage_wait()
    assert wait is not None
    assert wait.continued
    play_to(transport, clock, STAY_END_MS + CYCLE_MS)
    assert transport.moment().segment.stage is Stage.MOVE
    assert transport.timeline.paced_stages[0].extra_cycles == 1
    assert transport.stage_wait() is None


def test_a_pause_during_a_wait_holds_the_position_and_appends_nothing() -> None:
    transport, clock = make()
    play_to(transport, clock, STAY_END_MS + 3_000)
    transport.pause()
    paused_at = transport.position_ms()
    clock.advance(600)  # ten minutes
    assert transport.position_ms() == paused_at
    assert transport.timeline.paced_stages[0].extra_cycles == 1
    transport.resume()
    clock.advance(2.0)
    assert transport.position_ms() == paused_at + 2_000
    transport.continue_stage()
    play_to(transport, clock, STAY_END_MS + CYCLE_MS)
    assert transport.moment().segment.stage is Stage.MOVE


def test_a_late_tick_appends_the_breaths_the_position_needs_in_one_go() -> None:
    transport, clock = make()
    play_to(transport, clock, STAY_END_MS - 1_000)
    clock.advance(26.0)  # a stalled GUI: 25 s past the end of the minimum stay
    assert transport.position_ms() == STAY_END_MS + 25_000
    assert transport.timeline.paced_stages[0].extra_cycles == 3
    assert transport.moment().segment.stage is Stage.STAY


def test_the_stay_ends_on_its_own_at_stay_max() -> None:
    transport, clock = make()
    play_to(transport, clock, STAY_START_MS + 90_000 + 100)
    stay = transport.timeline.paced_stages[0]
    assert (stay.cycles, stay.end_ms) == (9, STAY_START_MS + 90_000)
    assert transport.moment().segment.stage is Stage.MOVE


def test_skipping_past_the_stay_releases_it_and_starting_again_resets_it() -> None:
    transport, clock = make()
    play_to(transport, clock, STAY_END_MS + 1_000)
    assert transport.timeline.paced_stages[0].extra_cycles == 1
    transport.next_step()  # to the rest after the dilator step
    assert transport.moment().step.index == 2
    clock.advance(1.0)
    assert transport.timeline.paced_stages[0].extra_cycles == 1
    transport.start()
    assert transport.timeline.paced_stages[0].extra_cycles == 0
    play_to(transport, clock, STAY_END_MS)
    assert transport.timeline.paced_stages[0].extra_cycles == 1  # open again: it waits


def test_listeners_hear_of_each_new_timeline() -> None:
    transport, clock = make()
    heard: list[int] = []
    transport.on_timeline_changed(lambda: heard.append(transport.timeline.duration_ms))
    play_to(transport, clock, STAY_END_MS + CYCLE_MS)
    assert heard == [transport.timeline.duration_ms - CYCLE_MS, transport.timeline.duration_ms]
