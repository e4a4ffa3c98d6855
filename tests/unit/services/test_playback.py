"""Playback owns the session being played: typed events, an explicit advance, a start hook."""

from __future__ import annotations

from collections.abc import Callable

from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.core.timeline import Timeline, compile_session
from pfrelax.core.transport import State
from pfrelax.services.playback import Playback

from ..core.sessions import every_kind


class Heard:
    """Everything playback told its listeners, in order."""

    def __init__(self, playback: Playback) -> None:
        self.events: list[tuple[object, ...]] = []
        playback.on_loaded(lambda s, t: self.events.append(("loaded", s.id, t.duration_ms)))
        playback.on_started(lambda s: self.events.append(("started", s.id)))
        playback.on_state_changed(lambda state: self.events.append(("state", state)))
        playback.on_ended(lambda s, finished: self.events.append(("ended", s.id, finished)))


def loaded(count_in_ms: int = 0) -> tuple[Playback, FakeClock, Heard, Timeline]:
    clock = FakeClock()
    playback = Playback(clock, count_in_ms=count_in_ms)
    heard = Heard(playback)
    timeline = compile_session(every_kind())
    playback.load(every_kind(), timeline)
    return playback, clock, heard, timeline


def test_loading_says_what_was_loaded_and_waits_to_start() -> None:
    playback, _clock, heard, timeline = loaded()
    assert heard.events == [("loaded", "test", timeline.duration_ms)]
    assert playback.state is State.IDLE
    assert playback.timeline is timeline
    assert playback.session is not None


def test_states_arrive_typed_once_each_and_only_when_advanced() -> None:
    playback, clock, heard, timeline = loaded(count_in_ms=3_000)
    playback.start()
    clock.advance(3.5)
    assert playback.state is State.COUNT_IN  # reading moves nothing
    assert playback.position_ms() == 0
    assert heard.events[1:] == [("state", State.COUNT_IN), ("started", "test")]
    assert playback.advance() is State.PLAYING
    playback.pause()
    playback.pause()
    playback.resume()
    clock.advance(timeline.duration_ms / 1000)
    playback.advance()
    states = [event[1] for event in heard.events if event[0] == "state"]
    assert states == [State.COUNT_IN, State.PLAYING, State.PAUSED, State.PLAYING, State.FINISHED]
    assert all(type(state) is State for state in states)
    assert heard.events[-1] == ("ended", "test", True)


def test_stopping_ends_once_not_finished() -> None:
    playback, _clock, heard, _timeline = loaded()
    playback.start()
    playback.stop()
    playback.stop()
    assert [e for e in heard.events if e[0] == "ended"] == [("ended", "test", False)]


def test_loading_another_session_stops_the_one_playing() -> None:
    playback, _clock, heard, timeline = loaded()
    playback.start()
    playback.load(every_kind(), timeline)
    assert heard.events[-3:] == [
        ("state", State.STOPPED),
        ("ended", "test", False),
        ("loaded", "test", timeline.duration_ms),
    ]
    assert playback.state is State.IDLE


def test_the_before_start_hook_holds_the_start_until_it_proceeds() -> None:
    playback, _clock, _heard, _timeline = loaded()
    asked: list[tuple[Session, Callable[[], None]]] = []
    playback.before_start = lambda session, proceed: asked.append((session, proceed))
    playback.request_start()
    assert playback.state is State.IDLE
    assert len(asked) == 1
    asked[0][1]()
    assert playback.state is State.PLAYING


def test_a_hook_that_proceeds_after_another_session_was_loaded_starts_nothing() -> None:
    playback, _clock, _heard, timeline = loaded()
    waiting: list[Callable[[], None]] = []
    playback.before_start = lambda _session, proceed: waiting.append(proceed)
    playback.toggle()  # Space on the pre-start panel asks too
    playback.load(every_kind(), timeline)
    waiting[0]()
    assert playback.state is State.IDLE


def test_steps_and_seeks_wait_for_the_start_and_stop_at_the_end() -> None:
    playback, _clock, _heard, timeline = loaded()
    playback.seek(5_000)
    playback.next_step()
    assert (playback.state, playback.position_ms()) == (State.IDLE, 0)
    playback.start()
    playback.next_step()
    assert playback.position_ms() == timeline.steps[1].start_ms
    playback.stop()
    playback.seek(0)
    playback.toggle()
    assert (playback.state, playback.position_ms()) == (State.STOPPED, timeline.steps[1].start_ms)


def test_a_lent_clock_is_taken_back_without_a_jump_even_from_a_replaced_session() -> None:
    playback, clock, _heard, timeline = loaded()
    first = playback.transport
    assert first is not None
    playback.start()
    clock.advance(2)
    lent = FakeClock(start=7.0)
    playback.lend_clock(lent, lead_s=0.01)
    assert (first.clock, first.lead_s) == (lent, 0.01)
    lent.advance(1)
    playback.load(every_kind(), timeline)
    playback.take_clock_back()
    assert (first.clock, first.lead_s) == (clock, 0.0)
    assert first.position_ms() == 3_000  # 2 s on its own clock, 1 s on the lent one


def test_count_in_changes_reach_the_loaded_session() -> None:
    playback, _clock, _heard, _timeline = loaded()
    playback.set_count_in_ms(5_000)
    playback.start()
    transport = playback.transport
    assert transport is not None
    assert transport.count_in_left_ms() == 5_000
