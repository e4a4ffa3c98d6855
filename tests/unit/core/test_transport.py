"""The transport over a fake clock: count-in, pause, seek and steps never shift the schedule."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, RestStep, Session, SpeakStep
from pfrelax.core.timeline import SegmentKind, compile_session
from pfrelax.core.transport import State, Transport

from .sessions import every_kind, session_of


def make_transport(count_in_ms: int = 3_000) -> tuple[Transport, FakeClock]:
    clock = FakeClock()
    return Transport(compile_session(every_kind()), clock, count_in_ms=count_in_ms), clock


def test_count_in_then_playing_from_zero() -> None:
    transport, clock = make_transport()
    transport.start()
    assert transport.state is State.COUNT_IN
    assert transport.count_in_left_ms() == 3_000
    clock.advance(2.5)
    assert transport.count_in_left_ms() == 500
    assert transport.position_ms() == 0
    clock.advance(0.5)
    transport.advance()  # the player's next frame
    assert transport.state is State.PLAYING
    clock.advance(1.234)
    assert transport.position_ms() == 1_234


def test_ten_minute_pause_resumes_exactly_where_it_was() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    clock.advance(7.3)
    transport.pause()
    clock.advance(600)
    assert transport.position_ms() == 7_300
    assert transport.state is State.PAUSED
    transport.resume()
    clock.advance(0.7)
    assert transport.position_ms() == 8_000


def test_finishes_at_the_end_and_stays_there() -> None:
    transport, clock = make_transport(count_in_ms=0)
    finished: list[State] = []
    transport.on_state_changed(lambda: finished.append(transport.state))
    transport.start()
    clock.advance(transport.timeline.duration_ms / 1000 + 30)
    transport.advance()
    assert transport.state is State.FINISHED
    assert transport.position_ms() == transport.timeline.duration_ms
    assert finished[-1] is State.FINISHED


def test_next_previous_and_restart_step() -> None:
    transport, clock = make_transport(count_in_ms=0)
    steps = transport.timeline.steps
    transport.start()
    transport.next_step()
    assert transport.position_ms() == steps[1].start_ms
    clock.advance(2)
    transport.restart_step()
    assert transport.position_ms() == steps[1].start_ms
    transport.next_step()
    transport.previous_step()
    assert transport.position_ms() == steps[1].start_ms
    assert transport.state is State.PLAYING
    transport.previous_step()
    transport.previous_step()
    assert transport.position_ms() == 0


def test_next_step_on_the_last_step_finishes() -> None:
    transport, _clock = make_transport(count_in_ms=0)
    transport.start()
    for _ in transport.timeline.steps:
        transport.next_step()
    assert transport.state is State.FINISHED


def test_seek_while_paused_stays_paused() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    transport.pause()
    transport.seek(9_000)
    clock.advance(5)
    assert transport.position_ms() == 9_000
    assert transport.state is State.PAUSED


def test_stop_keeps_the_position_it_stopped_at() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    clock.advance(4)
    transport.stop()
    clock.advance(4)
    assert transport.state is State.STOPPED
    assert transport.position_ms() == 4_000


def test_toggle_starts_pauses_and_resumes() -> None:
    transport, _clock = make_transport(count_in_ms=0)
    transport.toggle()
    assert transport.state is State.PLAYING
    transport.toggle()
    assert transport.state is State.PAUSED
    transport.toggle()
    assert transport.state is State.PLAYING


def test_handing_over_to_another_clock_does_not_jump() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    clock.advance(3.21)
    audio_clock = FakeClock(start=5.0)
    transport.set_clock(audio_clock)
    assert transport.position_ms() == 3_210
    audio_clock.advance(1)
    assert transport.position_ms() == 4_210


def test_moment_reads_the_timeline_at_now() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    clock.advance(6.5)  # half a second into the first sigh's inhale
    moment = transport.moment()
    assert moment.kind is SegmentKind.INHALE
    assert moment.progress == 0.25


actions = st.lists(
    st.tuples(
        st.sampled_from(["pause", "resume", "seek", "wait"]),
        st.integers(0, 40_000),
    ),
    max_size=25,
)


@given(actions)
@settings(max_examples=300)
def test_pausing_never_moves_later_boundaries(script: list[tuple[str, int]]) -> None:
    """Whatever happens, position advances exactly with the clock while playing, never otherwise."""
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    expected = 0
    playing = True
    duration = transport.timeline.duration_ms
    for action, value in script:
        if action == "pause" and playing and expected < duration:
            transport.pause()
            playing = False
        elif action == "resume" and not playing:
            transport.resume()
            playing = True
        elif action == "seek" and expected < duration:
            transport.seek(value)
            expected = min(value, duration)
        elif action == "wait":
            clock.advance(value / 1000)
            transport.advance()  # a frame
            if playing:
                expected = min(expected + value, duration)
        assert transport.position_ms() == expected
        if expected >= duration and playing:
            assert transport.state is State.FINISHED
            return


def test_audio_lead_holds_the_picture_until_the_sound_arrives() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.lead_s = 0.03
    transport.start()
    clock.advance(0.02)
    assert transport.position_ms() == 0
    clock.advance(0.03)
    assert transport.position_ms() == 20
    transport.seek(5_000)
    clock.advance(0.01)
    assert transport.position_ms() == 5_000


# --- time played (issue 9 item 2) -----------------------------------------------------------------
def five_minutes() -> Session:
    """Speak, breathe 4 min, rest: three steps for Next to jump through."""
    return session_of(
        SpeakStep("Arrive", "Settle in.", seconds_ms=30_000),
        BreatheStep("Breathe", parse_shorthand("4-6"), cycles=24),
        RestStep("Rest", 30_000, "Rest."),
    )


def test_pressing_next_to_the_end_after_40_s_is_not_a_completed_run() -> None:
    clock = FakeClock()
    transport = Transport(compile_session(five_minutes()), clock, count_in_ms=0)
    assert transport.timeline.duration_ms == 300_000
    transport.start()
    clock.advance(40)
    while transport.state is not State.FINISHED:
        transport.next_step()
    assert transport.played_ms() == 40_000
    assert not transport.completed


def test_a_full_play_with_a_pause_is_completed_and_the_pause_is_not_played() -> None:
    transport, clock = make_transport(count_in_ms=3_000)
    length_s = transport.timeline.duration_ms / 1000
    transport.start()
    clock.advance(3 + 10)
    transport.pause()
    clock.advance(600)
    transport.resume()
    clock.advance(length_s)  # past the end: played time stops at the session's length
    transport.advance()
    assert transport.state is State.FINISHED
    assert transport.played_ms() == transport.timeline.duration_ms
    assert transport.completed


def test_seeking_back_and_replaying_counts_and_seeking_over_does_not() -> None:
    clock = FakeClock()
    transport = Transport(compile_session(five_minutes()), clock, count_in_ms=0)
    transport.start()
    clock.advance(5)
    transport.seek(0)  # back: the next 5 s are played again
    clock.advance(5)
    transport.seek(60_000)  # forward over 50 s that are never heard
    clock.advance(2)
    assert transport.played_ms() == 12_000


def test_reading_played_time_changes_nothing_even_when_the_count_in_ended_unnoticed() -> None:
    transport, clock = make_transport(count_in_ms=3_000)
    changes: list[str] = []
    transport.on_state_changed(lambda: changes.append("state"))
    transport.on_anchor_changed(lambda: changes.append("anchor"))
    transport.start()
    changes.clear()
    clock.advance(3 + 7)
    assert transport.played_ms() == 7_000
    assert not transport.completed
    assert changes == []  # no advance() ran: still the count-in's anchor


def test_played_time_survives_a_clock_handover_and_restarts_from_zero() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    clock.advance(4)
    other = FakeClock(start=50.0)
    transport.set_clock(other)
    other.advance(3)
    clock.advance(3)
    assert transport.played_ms() == 7_000
    transport.stop()
    transport.start()
    assert transport.played_ms() == 0


class RacingClock:
    """An audio clock on a device that consumes sound 30 times faster than real time."""

    def __init__(self, wall: FakeClock) -> None:
        self.wall = wall
        self.origin = wall.now()

    def now(self) -> float:
        return (self.wall.now() - self.origin) * 30


def test_a_racing_clock_cannot_play_more_than_the_real_time_since_start() -> None:
    clock = FakeClock()
    transport = Transport(compile_session(five_minutes()), clock, count_in_ms=0)
    transport.start()
    transport.set_clock(RacingClock(clock))
    clock.advance(10)  # the racing clock says 300 s: the session "ends"
    transport.advance()
    assert transport.state is State.FINISHED
    assert transport.played_ms() == 10_000
    assert not transport.completed


# --- reading has no side effects (issue 11) -----------------------------------------------------
def test_reading_state_and_position_never_moves_the_state_or_calls_listeners() -> None:
    transport, clock = make_transport(count_in_ms=3_000)
    changes: list[str] = []
    transport.start()
    transport.on_state_changed(lambda: changes.append("state"))
    transport.on_anchor_changed(lambda: changes.append("anchor"))
    clock.advance(3 + transport.timeline.duration_ms / 1000)  # past the count-in and the end
    for _ in range(3):
        assert transport.state is State.COUNT_IN
        assert transport.position_ms() == 0
        assert transport.moment().time_ms == 0
        assert transport.count_in_left_ms() == 0
        assert not transport.completed
    assert changes == []
    assert transport.advance() is State.FINISHED
    assert changes == ["anchor", "state", "anchor", "state"]  # playing, then finished


def test_reading_the_end_before_advance_shows_the_end_and_stays_playing() -> None:
    transport, clock = make_transport(count_in_ms=0)
    transport.start()
    clock.advance(transport.timeline.duration_ms / 1000 + 5)
    assert transport.position_ms() == transport.timeline.duration_ms
    assert transport.state is State.PLAYING
    transport.advance()
    assert transport.state is State.FINISHED


def test_a_command_catches_up_with_the_clock_first() -> None:
    transport, clock = make_transport(count_in_ms=3_000)
    transport.start()
    clock.advance(4)  # the count-in ended 1 s ago; nobody advanced
    transport.pause()
    assert transport.state is State.PAUSED
    assert transport.position_ms() == 1_000
