"""The idle lock and a hands-free session: minutes of playing are not minutes away."""

from __future__ import annotations

from pfrelax.core.clock import FakeClock
from pfrelax.services.lock_timing import IdleWatch


def test_a_playing_session_holds_the_idle_minutes_back_until_it_pauses_or_ends() -> None:
    clock = FakeClock()
    idle = IdleWatch(clock, minutes=5)
    for _ in range(20):  # twenty minutes of a hands-free session, checked each minute
        clock.advance(60)
        assert not idle.due_unless_in_session(session_moving=True)
    clock.advance(4 * 60 + 59)  # paused (or ended): the five minutes start now
    assert not idle.due_unless_in_session(session_moving=False)
    clock.advance(1)
    assert idle.due_unless_in_session(session_moving=False)


def test_without_a_session_the_idle_minutes_count_as_before() -> None:
    clock = FakeClock()
    idle = IdleWatch(clock, minutes=5)
    clock.advance(5 * 60)
    assert idle.due_unless_in_session(session_moving=False)
    never = IdleWatch(clock, minutes=0)
    clock.advance(3600)
    assert not never.due_unless_in_session(session_moving=False)


def test_with_in_session_a_playing_session_is_no_presence() -> None:
    clock = FakeClock()
    idle = IdleWatch(clock, minutes=5, in_session=True)
    clock.advance(4 * 60 + 59)
    assert not idle.due_unless_in_session(session_moving=True)
    idle.session_changed()  # the count-in ending, a step changing: not the person
    clock.advance(1)
    assert idle.due_unless_in_session(session_moving=True)


def test_the_minutes_start_when_the_session_stops_not_at_the_last_check() -> None:
    clock = FakeClock()
    idle = IdleWatch(clock, minutes=5)
    assert not idle.due_unless_in_session(session_moving=True)  # the last check while it plays
    clock.advance(0.9)
    idle.session_changed()  # it ends 0.9 s later
    clock.advance(5 * 60 - 0.5)
    assert not idle.due_unless_in_session(session_moving=False)
    clock.advance(0.5)
    assert idle.due_unless_in_session(session_moving=False)
