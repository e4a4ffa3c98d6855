"""A heart source that fails mid-session (a bug in it or its library, no thread left to start):
the session plays on to its end, the player says the signal is lost, nothing is raised."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from pfrelax.core.clock import Clock, FakeClock
from pfrelax.core.heart.pacing import Breath
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.timeline import compile_session
from pfrelax.core.transport import State
from pfrelax.sensors.demo import DemoHeartSource
from pfrelax.sensors.person import SimulatedPerson
from pfrelax.sensors.source import STATE_TEXT, Beat, HeartRateSource, SourceState
from pfrelax.services.heart_session import HeartSession
from pfrelax.services.heart_sources import DEMO, HeartChoice
from pfrelax.services.playback import Playback


class FailingDemo(DemoHeartSource):
    """The simulated person, whose source breaks in `where` once `after` polls have gone by."""

    def __init__(self, clock: Clock, paced: Sequence[Breath], where: str, after: int) -> None:
        super().__init__(SimulatedPerson(), clock, paced)
        self.where, self.after, self.polls = where, after, 0

    def start(self) -> None:
        if self.where == "start":
            raise RuntimeError("can't start new thread")
        super().start()

    def poll(self) -> list[Beat]:
        self.polls += 1
        if self.where == "poll" and self.polls > self.after:
            raise OSError("the adapter went away")
        return super().poll()

    def stop(self) -> None:
        if self.where == "poll" and self.polls > self.after:
            raise RuntimeError("the worker thread is gone")
        super().stop()


def one_minute() -> Playback:
    playback = Playback(FakeClock(0.0), count_in_ms=0)
    session = Session(
        id="slow", title="Slow", summary="", tags=(),
        steps=(BreatheStep("Slow", parse_shorthand("4-6"), target_ms=60_000),),
    )  # fmt: skip
    playback.load(session, compile_session(session))
    return playback


@pytest.mark.parametrize(("where", "after"), [("start", 0), ("poll", 0), ("poll", 40)])
def test_the_session_plays_to_its_end_saying_the_signal_is_lost(where: str, after: int) -> None:
    playback = one_minute()

    def opener(
        choice: HeartChoice, clock: Clock, paced: tuple[Breath, ...], seed: int
    ) -> HeartRateSource:
        return FailingDemo(clock, paced, where, after)

    heart = HeartSession(playback, playback.clock, opener=opener)
    heart.set_choice(HeartChoice(DEMO))
    playback.start()
    clock = playback.clock
    assert isinstance(clock, FakeClock)
    for _ in range(130):
        clock.advance(0.5)
        playback.advance()
        heart.poll()
        if playback.state is State.PLAYING and clock.now() > 25:
            assert heart.live().state_text == STATE_TEXT[SourceState.SIGNAL_LOST]
    assert playback.state is State.FINISHED
