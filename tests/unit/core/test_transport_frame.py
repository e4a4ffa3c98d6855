"""One frame's read of the transport: the state and the moment from one clock reading, the same
as `advance()` then `moment()` (count-in, a paced stay growing, the end)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import DilatorStep, RestStep, Session, SpeakStep
from pfrelax.core.timeline import compile_session
from pfrelax.core.transport import State, Transport

from .sessions import every_kind, session_of


class CountingClock(FakeClock):
    """A fake clock that counts how often it is read."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def now(self) -> float:
        self.reads += 1
        return super().now()


def paced() -> Session:
    step = DilatorStep(
        "Practice",
        parse_shorthand("4-6"),
        settle_ms=20_000,
        insert_breaths=1,
        stay_ms=10_000,
        stay_max_ms=40_000,
        move_breaths=1,
        remove_breaths=1,
    )
    return session_of(SpeakStep("Hi", "Hello.", 2_000), step, RestStep("r", 3_000))


@settings(max_examples=40, deadline=None)
@given(
    paced_session=st.booleans(),
    ticks_ms=st.lists(st.integers(min_value=1, max_value=9_000), min_size=1, max_size=40),
)
def test_a_frame_reads_what_advance_then_moment_read(
    paced_session: bool, ticks_ms: list[int]
) -> None:
    session = paced() if paced_session else every_kind()
    clocks = FakeClock(), FakeClock()
    old, new = (Transport(compile_session(session), c, count_in_ms=1_500) for c in clocks)
    old.start()
    new.start()
    for tick_ms in ticks_ms:
        for clock in clocks:
            clock.advance(tick_ms / 1000)
        state = old.advance()
        assert new.advance_to_moment() == (state, old.moment())
        assert new.timeline.duration_ms == old.timeline.duration_ms


def test_a_frame_reads_the_clock_once() -> None:
    clock = CountingClock()
    transport = Transport(compile_session(every_kind()), clock, count_in_ms=2_000)
    transport.start()
    states = []
    step_s = transport.timeline.duration_ms / 1000 / 30
    for _ in range(40):  # through the count-in, playing, to the end
        clock.advance(step_s)
        before = clock.reads
        state, moment = transport.advance_to_moment()
        assert clock.reads - before == 1
        states.append(state)
    assert states[0] is State.COUNT_IN
    assert State.PLAYING in states
    assert states[-1] is State.FINISHED
    assert moment.time_ms == transport.timeline.duration_ms
