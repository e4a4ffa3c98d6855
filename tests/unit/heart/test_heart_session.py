"""The heart session runs the chosen source with playback: beats on session time, live values,
pauses, a source that cannot open, and the run's figures handed over at the end (no Qt)."""

from __future__ import annotations

import itertools
import math
import random
import threading

import pytest

from pfrelax.core.clock import Clock, FakeClock
from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.pacing import Breath
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep
from pfrelax.core.settings import Settings
from pfrelax.core.timeline import compile_session
from pfrelax.core.transport import State
from pfrelax.errors import InputError
from pfrelax.sensors.source import Beat, BeatReceiver, SourceState
from pfrelax.services.heart_session import FOLLOWING_MORE, PAUSED_TEXT, HeartSession
from pfrelax.services.heart_sources import DEMO, FILE, HeartChoice, open_source
from pfrelax.services.playback import Playback

from ..core.sessions import session_of

SLOW = parse_shorthand("4-6")  # six breaths a minute


def slow_session(minutes: float = 3.0) -> Playback:
    clock = FakeClock(0.0)
    playback = Playback(clock, count_in_ms=3_000)
    session = session_of(BreatheStep("Slow", SLOW, target_ms=int(minutes * 60_000)))
    playback.load(session, compile_session(session))
    return playback


def run_for(playback: Playback, heart: HeartSession, seconds: float, step: float = 0.5) -> None:
    clock = playback.clock
    assert isinstance(clock, FakeClock)
    for _ in range(round(seconds / step)):
        clock.advance(step)
        playback.advance()
        heart.poll()


def kept_figures(heart: HeartSession) -> list[tuple[int | None, RunFigures]]:
    kept: list[tuple[int | None, RunFigures]] = []
    heart.keep_figures = lambda run_id, figures: kept.append((run_id, figures))
    return kept


def test_off_by_default_it_opens_nothing_and_shows_nothing() -> None:
    playback = slow_session()
    heart = HeartSession(playback, playback.clock)
    kept = kept_figures(heart)
    playback.start()
    run_for(playback, heart, 20)
    playback.stop()
    assert heart.live().state_text == ""
    assert heart.beats() == ((), ())
    assert kept == []
    assert not heart.active


def test_a_demo_session_collects_beats_on_session_time_and_hands_over_its_figures() -> None:
    playback = slow_session(minutes=3)
    heart = HeartSession(playback, playback.clock, run_id=lambda: 7)
    heart.set_choice(HeartChoice(DEMO))
    kept = kept_figures(heart)
    playback.start()
    run_for(playback, heart, 3)  # the count-in: nothing yet
    assert heart.beats() == ((), ())
    run_for(playback, heart, 185)
    assert playback.state is State.FINISHED
    times, rr = heart.beats()
    assert 150 < len(times) < 260  # about 66 a minute for three minutes
    assert all(0 <= a < b <= 180 for a, b in itertools.pairwise(times))
    [(run_id, figures)] = kept
    assert run_id == 7
    assert figures.beats == len(rr)
    assert figures.mean_hr_bpm is not None
    assert 55 < figures.mean_hr_bpm < 80
    # The simulated person breathes at 6 a minute, near their 5.5: a wide swing each breath.
    assert figures.peak_to_trough_bpm is not None
    assert figures.peak_to_trough_bpm > 6
    assert figures.lf_power_ms2 is not None
    assert heart.last_figures == figures


def test_live_values_show_the_rate_the_last_breath_and_a_trace() -> None:
    playback = slow_session(minutes=3)
    heart = HeartSession(playback, playback.clock)
    heart.set_choice(HeartChoice(DEMO))
    playback.start()
    run_for(playback, heart, 3 + 70)
    live = heart.live()
    assert live.source_name == "Demo: a simulated person"
    assert live.state_text == "Connected"
    assert live.battery_percent is not None
    assert live.bpm is not None
    assert 50 < live.bpm < 90
    assert live.last_swing_bpm is not None
    assert live.last_swing_bpm > 3
    assert live.following is not None
    assert 0 <= live.following <= 1
    assert live.trace
    assert live.trace[-1][0] <= 70
    assert live.trace[-1][0] - live.trace[0][0] <= 90


def test_a_pause_keeps_no_beats_and_the_demo_breathes_on_with_the_session() -> None:
    playback = slow_session(minutes=3)
    heart = HeartSession(playback, playback.clock)
    heart.set_choice(HeartChoice(DEMO))
    playback.start()
    run_for(playback, heart, 3 + 30)
    playback.pause()
    count = len(heart.beats()[0])
    assert heart.poll().state_text == PAUSED_TEXT
    run_for(playback, heart, 60)
    assert len(heart.beats()[0]) == count
    playback.resume()
    run_for(playback, heart, 20)
    times = heart.beats()[0]
    assert len(times) > count + 10
    assert times[-1] <= playback.position_ms() / 1000  # session time: the pause left out


def test_a_source_that_cannot_open_says_why_and_the_session_plays_on() -> None:
    playback = slow_session(minutes=1)
    heart = HeartSession(playback, playback.clock)
    heart.set_choice(HeartChoice(FILE, rr_file=""))
    kept = kept_figures(heart)
    playback.start()
    run_for(playback, heart, 10)
    assert "No RR file is chosen" in heart.live().state_text
    assert playback.state is State.PLAYING
    run_for(playback, heart, 60)
    assert playback.state is State.FINISHED
    assert kept == []


class _WorkerSource:
    """A source whose beats are fed from another thread, as the Bluetooth worker does."""

    def __init__(self, clock: Clock) -> None:
        self.receiver = BeatReceiver()
        self.clock = clock
        self.started = False
        self.reached = True
        self.last_error: str | None = None

    @property
    def state(self) -> SourceState:
        if not self.started:
            return SourceState.STOPPED
        return SourceState.CONNECTED if self.reached else SourceState.LOOKING

    @property
    def battery_percent(self) -> int | None:
        return 55

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.started = False

    def poll(self) -> list[Beat]:
        return self.receiver.drain()


def test_beats_fed_on_a_worker_thread_all_arrive_once_in_order() -> None:
    playback = slow_session(minutes=3)
    sources: list[_WorkerSource] = []

    def opener(choice: HeartChoice, clock: Clock, paced: tuple[Breath, ...], seed: int) -> object:
        sources.append(_WorkerSource(clock))
        return sources[-1]

    heart = HeartSession(playback, playback.clock, opener=opener)  # type: ignore[arg-type]
    heart.set_choice(HeartChoice("strap"))
    playback.start()
    assert heart.poll().state_text == "Connected"  # a strap connects during the count-in
    run_for(playback, heart, 3.5)
    clock = playback.clock
    assert isinstance(clock, FakeClock)
    start = clock.now()
    clock.advance(60)
    playback.advance()

    def feed() -> None:
        for k in range(60):
            sources[0].receiver.add_rr([1000.0], start + k + 1)

    worker = threading.Thread(target=feed)
    worker.start()
    while worker.is_alive():
        heart.poll()
    worker.join()
    heart.poll()
    times = heart.beats()[0]
    assert len(times) == 60
    assert list(times) == sorted(times)
    assert heart.live().bpm == 60
    assert heart.live().battery_percent == 55


def test_a_strap_not_reached_says_why_and_breathing_goes_on() -> None:
    playback = slow_session(minutes=1)
    sources: list[_WorkerSource] = []

    def opener(choice: HeartChoice, clock: Clock, paced: tuple[Breath, ...], seed: int) -> object:
        sources.append(_WorkerSource(clock))
        sources[-1].reached = False
        sources[-1].last_error = "Bluetooth is switched off. Switch it on in your system settings."
        return sources[-1]

    heart = HeartSession(playback, playback.clock, opener=opener)  # type: ignore[arg-type]
    heart.set_choice(HeartChoice("strap", strap_name="Polar H10"))
    playback.start()
    run_for(playback, heart, 10)
    live = heart.live()
    assert live.source_name == "Your strap: Polar H10"
    assert live.state_text == (
        "Looking for your strap… Bluetooth is switched off. Switch it on in your system settings."
    )
    assert playback.state is State.PLAYING
    sources[0].reached = True
    assert heart.poll().state_text == "Connected"


def test_the_choice_comes_from_the_settings_and_opens_the_demo() -> None:
    settings = Settings().replace(heart_source="demo")
    choice = HeartChoice.from_settings(settings)
    assert choice.on
    assert choice.follows_pauses
    assert not choice.connects_early
    source = open_source(choice, FakeClock(0.0), (), 3)
    assert source.state is SourceState.STOPPED
    with pytest.raises(InputError, match=r"rr\.txt"):
        open_source(HeartChoice(FILE, rr_file="/nonexistent/rr.txt"), FakeClock(0.0), (), 0)


class _LearningHeart:
    """A heart that hardly follows the breath for its first minute, then follows it closely."""

    def __init__(self, clock: Clock, paced: tuple[Breath, ...]) -> None:
        self.clock, self.paced = clock, paced
        self.origin = 0.0
        self.t = 0.0
        self.rng = random.Random(4)

    state = SourceState.CONNECTED
    battery_percent = None

    def start(self) -> None:
        self.origin = self.clock.now()

    def stop(self) -> None:
        pass

    def poll(self) -> list[Beat]:
        beats = []
        while self.origin + self.t < self.clock.now():
            breath = next(b for b in self.paced if b.end_s > self.t)
            angle = 2 * math.pi * (self.t - breath.inhale_end_s) / breath.cycle_s
            swing = 1.0 if self.t < 60 else 12.0
            bpm = 66 + swing / 2 * math.cos(angle) + self.rng.gauss(0, 2)
            self.t += 60 / bpm
            beats.append(Beat(self.origin + self.t, 60_000 / bpm))
        return beats


def test_when_the_heart_follows_the_breath_more_it_is_said_gently() -> None:
    playback = slow_session(minutes=3)

    def opener(choice: HeartChoice, clock: Clock, paced: tuple[Breath, ...], seed: int) -> object:
        return _LearningHeart(clock, paced)

    heart = HeartSession(playback, playback.clock, opener=opener)  # type: ignore[arg-type]
    heart.set_choice(HeartChoice(DEMO))
    playback.start()
    run_for(playback, heart, 3 + 50)
    early = heart.live()
    assert early.following is not None
    assert early.following_text == ""  # little to say, and nothing unkind
    run_for(playback, heart, 60)
    later = heart.live()
    assert later.following is not None
    assert later.following > early.following
    assert later.following_text == FOLLOWING_MORE
