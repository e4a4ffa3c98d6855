"""Sound follows playback, on the offline output and a fake clock: no device and no waiting.

The offline output's clock moves only as the test pulls frames, so every position is exact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from pfrelax.audio.backends import Callback, OfflineBackend, Opened
from pfrelax.audio.engine import STALL_S, AudioEngine
from pfrelax.core.clock import Clock, FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.settings import Settings
from pfrelax.core.transport import State, Transport
from pfrelax.services.playback import Playback
from pfrelax.services.sound import (
    RACING_REASON,
    STALLED_REASON,
    OpenOutput,
    Sound,
    audio_preference,
    sound_choice,
)
from pfrelax.services.sound_jobs import InlineJobs, Jobs

from ..audio.engine_kit import RATE, frames, narrated_session, timeline_of, write_narration
from ..core.sessions import every_kind

NO_COUNT_IN = Settings(count_in_seconds=0)
BLOCK = 480  # 10 ms


def calm() -> Session:
    return Session("calm", "Calm", (BreatheStep("Breathe 4-6", parse_shorthand("4-6"), cycles=3),))


class ManualJobs:
    """Jobs that wait until the test runs them: a slow machine, made exact."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[], None]] = []

    def submit(self, work: Callable[[], None]) -> None:
        self.waiting.append(work)

    def post(self, done: Callable[[], None]) -> None:
        done()

    def wait(self) -> None:
        self.run_all()

    def run_all(self) -> None:
        while self.waiting:
            self.waiting.pop(0)()


class Outputs:
    """The offline output, remembering which output was asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, preference: str) -> Opened:
        self.asked.append(preference)
        return Opened(OfflineBackend(RATE, BLOCK))


def make(
    settings: Settings = NO_COUNT_IN,
    open_output: OpenOutput | None = None,
    jobs: Jobs | None = None,
    environ: Mapping[str, str] | None = None,
) -> tuple[Playback, Sound, FakeClock]:
    clock = FakeClock()
    playback = Playback(clock, count_in_ms=settings.count_in_seconds * 1000)
    sound = Sound(
        playback,
        settings,
        open_output=open_output or Outputs(),
        find_speech=lambda: None,
        jobs=jobs or InlineJobs(),
        environ={"PFRELAX_AUDIO": "null"} if environ is None else environ,
    )
    return playback, sound, clock


def load(playback: Playback, session: Session | None = None) -> Transport:
    session = session or calm()
    playback.load(session, timeline_of(session))
    assert playback.transport is not None
    return playback.transport


def runs_on(transport: Transport, clock: Clock) -> bool:
    """Whether `transport` runs on `clock` (a call, so a type checker narrows nothing)."""
    return transport.clock is clock


def engine_of(sound: Sound) -> AudioEngine:
    assert sound.engine is not None
    return sound.engine


def pull_ms(sound: Sound, ms: int) -> None:
    backend = engine_of(sound).backend
    assert isinstance(backend, OfflineBackend)
    backend.pull(frames(ms))


# --- the clock ------------------------------------------------------------------------------------
def test_a_session_on_a_fake_clock_gets_sound_whose_clock_playback_runs_on() -> None:
    outputs = Outputs()
    playback, sound, _clock = make(open_output=outputs)
    transport = load(playback)
    engine = engine_of(sound)
    assert outputs.asked == ["null"]  # $PFRELAX_AUDIO, as the app would open it
    assert runs_on(transport, engine.clock)
    assert transport.lead_s == BLOCK / RATE  # latency 0 + one block
    assert sound.unavailable is None
    assert sound.voice_source == "Natural voice"  # breath cues need no speech engine
    playback.start()
    pull_ms(sound, 300)
    assert playback.advance() is State.PLAYING
    assert playback.position_ms() == 300 - 10  # started one block (the lead) later


def test_pause_and_resume_work_on_the_engines_clock() -> None:
    playback, sound, _clock = make()
    transport = load(playback)
    playback.start()
    pull_ms(sound, 300)
    playback.pause()
    held = playback.position_ms()
    pull_ms(sound, 200)
    assert playback.position_ms() == held
    playback.resume()
    assert playback.state is State.PLAYING
    pull_ms(sound, 200)
    assert playback.position_ms() == held + 200 - 10
    assert runs_on(transport, engine_of(sound).clock)


def test_connecting_during_the_count_in_does_not_shift_its_end() -> None:
    jobs = ManualJobs()
    playback, sound, clock = make(Settings(count_in_seconds=1), jobs=jobs)
    load(playback)
    playback.start()
    clock.advance(0.4)
    states_at_connect: list[State] = []
    sound.on_engine_changed(lambda: states_at_connect.append(playback.state))
    jobs.run_all()  # the engine connects while the count-in runs
    assert states_at_connect == [State.COUNT_IN]
    pull_ms(sound, 599)
    assert playback.advance() is State.COUNT_IN
    pull_ms(sound, 2)
    assert playback.advance() is State.PLAYING  # 0.4 s + 0.6 s: one second of count-in


def test_shutdown_closes_the_engine_and_gives_the_clock_back_without_a_jump() -> None:
    playback, sound, clock = make()
    transport = load(playback)
    playback.start()
    pull_ms(sound, 500)
    before = playback.position_ms()
    sound.shutdown()
    assert sound.engine is None
    assert runs_on(transport, clock)
    assert transport.lead_s == 0.0
    assert playback.position_ms() == before
    clock.advance(0.1)
    assert playback.position_ms() == before + 100  # and the session goes on, silently


def test_closing_hands_playback_its_own_clock_back_at_the_same_position(tmp_path: Path) -> None:
    write_narration(tmp_path)
    jobs = ManualJobs()
    playback, sound, own_clock = make(jobs=jobs)
    transport = load(playback, narrated_session(tmp_path))
    playback.start()  # on its own clock: no lead, so positions are whole
    jobs.run_all()
    assert runs_on(transport, engine_of(sound).clock)
    pull_ms(sound, 1500)
    assert transport.position_ms() == 1500
    sound.shutdown()
    assert runs_on(transport, own_clock)
    assert transport.position_ms() == 1500
    own_clock.advance(2.0)
    assert transport.position_ms() == 3500  # still playing, now on its own clock


def test_loading_another_session_closes_the_first_engine() -> None:
    jobs = ManualJobs()
    playback, sound, clock = make(jobs=jobs)
    first_transport = load(playback)
    jobs.run_all()
    first = engine_of(sound)
    load(playback, every_kind())
    assert sound.engine is None
    assert runs_on(first_transport, clock)
    jobs.run_all()
    second = engine_of(sound)
    assert second is not first
    assert playback.transport is not None
    assert runs_on(playback.transport, second.clock)


def test_a_job_for_a_session_already_replaced_is_closed_not_connected() -> None:
    jobs = ManualJobs()
    playback, sound, _clock = make(jobs=jobs)
    load(playback)
    load(playback, every_kind())
    jobs.run_all()
    assert playback.transport is not None
    assert runs_on(playback.transport, engine_of(sound).clock)
    assert engine_of(sound).sound.end_frame == frames(playback.transport.timeline.duration_ms)


# --- choices --------------------------------------------------------------------------------------
def test_a_choice_in_the_player_is_heard_at_once_and_handed_out_to_save() -> None:
    playback, sound, _clock = make()
    load(playback)
    chosen: list[Settings] = []
    sound.on_chosen(chosen.append)
    sound.choose(cues_volume=75)
    assert engine_of(sound).gains.cues == 0.75
    sound.choose(cues_volume=75)  # no change: nothing to save
    sound.choose(muted=True)
    assert engine_of(sound).gains.muted
    assert [(s.cues_volume, s.muted) for s in chosen] == [(75, False), (75, True)]


def test_choosing_another_cue_sound_cross_fades_on_the_same_engine() -> None:
    playback, sound, _clock = make()
    load(playback)
    engine = engine_of(sound)
    first_sound = engine.sound
    sound.choose(sound_set="bell")
    assert engine.sound is not first_sound
    assert sound.engine is engine


def test_settings_from_the_dialog_reach_the_engine_and_are_not_handed_back() -> None:
    playback, sound, _clock = make()
    load(playback)
    engine = engine_of(sound)
    first_sound = engine.sound
    chosen: list[Settings] = []
    applied: list[Settings] = []
    sound.on_chosen(chosen.append)
    sound.on_applied(applied.append)
    settings = NO_COUNT_IN.replace(av_offset_ms=120, voice_enabled=False, cues_volume=30)
    sound.apply_settings(settings)
    assert engine.clock.offset_ms == 120
    assert engine.gains.cues == pytest.approx(0.3)
    assert engine.sound is not first_sound
    assert applied == [settings]
    assert chosen == []  # they came from the settings, which are saved already


# --- no sound -------------------------------------------------------------------------------------
def test_without_an_output_the_session_plays_silently_and_says_why() -> None:
    playback, sound, clock = make(
        open_output=lambda _preference: Opened(None, "no sound device could be opened")
    )
    transport = load(playback)
    assert sound.engine is None
    assert sound.unavailable == "no sound device could be opened"
    assert runs_on(transport, clock)
    playback.start()
    clock.advance(0.1)
    assert playback.position_ms() == 100


def test_an_output_that_the_player_cannot_use_is_explained() -> None:
    outputs = Outputs()
    playback, sound, _clock = make(open_output=outputs, environ={"PFRELAX_AUDIO": "offline"})
    load(playback)
    assert outputs.asked == []
    assert sound.unavailable == (
        "PFRELAX_AUDIO=offline is not a sound output the player can use; "
        "choose one of auto, miniaudio, simpleaudio, null"
    )


def test_a_failing_job_is_reported_and_the_session_plays_silently() -> None:
    def broken(_preference: str) -> Opened:
        raise RuntimeError("driver exploded")

    playback, sound, clock = make(open_output=broken)
    transport = load(playback)
    assert sound.unavailable == "the session's sound could not be prepared (driver exploded)"
    assert runs_on(transport, clock)


def test_pfrelax_audio_overrides_the_output_setting() -> None:
    chosen = Settings(audio_output="miniaudio")
    assert audio_preference(chosen, {"PFRELAX_AUDIO": "null"}) == "null"
    assert audio_preference(chosen, {"PFRELAX_AUDIO": " "}) == "miniaudio"
    assert audio_preference(chosen, {}) == "miniaudio"


def test_no_ambient_setting_means_no_ambient_bed() -> None:
    assert sound_choice(Settings()).ambient is None
    assert sound_choice(Settings(ambient="low-drone")).ambient == "low-drone"
    assert not sound_choice(Settings(voice_enabled=False)).voice


# --- an output that fails while playing ----------------------------------------------------------
class HeldBackend:
    """A real-time output that pulls only when the test says: a device that dies or races."""

    name = "held"
    device_name = "a device the test drives"
    rate = RATE
    block_frames = 480  # 10 ms
    latency_frames = 1440
    realtime = True

    def __init__(self) -> None:
        self.callback: Callback | None = None

    def start(self, callback: Callback, rate: int, block: int) -> None:
        self.callback = callback

    def stop(self) -> None:
        self.callback = None

    def pull_blocks(self, count: int) -> None:
        assert self.callback is not None
        for _ in range(count):
            self.callback(self.block_frames)


def test_an_output_that_stops_pulling_hands_the_clock_back_and_says_so() -> None:
    backend = HeldBackend()
    playback, sound, clock = make(open_output=lambda _preference: Opened(backend))
    transport = load(playback)
    playback.start()
    backend.pull_blocks(10)
    clock.advance(0.1)
    sound.check_output()
    assert engine_of(sound).backend is backend  # 0.1 s without a pull: a device breathing
    clock.advance(STALL_S + 0.1)
    sound.check_output()
    assert sound.unavailable == STALLED_REASON
    assert sound.engine is None
    assert runs_on(transport, clock)
    held = playback.position_ms()
    clock.advance(0.1)
    assert playback.position_ms() == held + 100  # on, silently, from where it was


def test_an_output_that_races_hands_the_clock_back_and_says_so() -> None:
    backend = HeldBackend()
    playback, sound, clock = make(open_output=lambda _preference: Opened(backend))
    transport = load(playback)
    playback.start()
    for _ in range(100):  # up to 4 s of sound taken in 1 s
        backend.pull_blocks(4)
        clock.advance(0.01)
        sound.check_output()
        if sound.engine is None:
            break
    assert sound.unavailable == RACING_REASON
    assert sound.engine is None
    assert runs_on(transport, clock)
    assert playback.advance() is State.PLAYING  # caught long before the 30 s session "ended"
    assert transport.played_ms() <= 1_000
    played = playback.position_ms()
    clock.advance(0.1)
    assert playback.position_ms() == played + 100  # on at real speed, from where it was
