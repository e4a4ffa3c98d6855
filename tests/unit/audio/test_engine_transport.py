"""The engine follows the transport: fades, count-in, the end bell, mute, and its clock."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from pfrelax.audio.backends.offline import OfflineBackend
from pfrelax.audio.engine import AudioEngine, SoundChoice, prepare_sound
from pfrelax.audio.frame_clock import AudioClock, FrameMap
from pfrelax.audio.mixer import Gains
from pfrelax.audio.schedule import CueSchedule, SessionSound, ms_to_frame
from pfrelax.audio.synth import cue_bank
from pfrelax.audio.voice_prompts import count_in_bank, voice_prompt_bank
from pfrelax.core.session import Cues
from pfrelax.core.transport import State, Transport

from .audio_measure import largest_step
from .engine_kit import (
    FULL,
    RATE,
    frames,
    narrated_session,
    offline_engine,
    paced_session,
    timeline_of,
    write_narration,
)

FADE = frames(300)


def fade_in(count: int) -> np.ndarray:
    return (np.arange(1, count + 1, dtype=np.float32) / np.float32(FADE)).reshape(-1, 1)


def test_pause_fades_the_sound_out_over_300_ms_then_is_silent(tmp_path: Path) -> None:
    content = write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path), fade_ms=300)
    transport.start()
    backend.pull(frames(1000))
    transport.pause()
    tail = backend.pull(FADE + 1000)
    expected = content[frames(1000) : frames(1000) + FADE] * (1 - fade_in(FADE))
    np.testing.assert_allclose(tail[:FADE], expected, atol=1e-7)
    assert not tail[FADE:].any()
    engine.close()


def test_resume_fades_back_in_from_the_paused_position(tmp_path: Path) -> None:
    content = write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path), fade_ms=300)
    transport.start()
    backend.pull(frames(1000))
    transport.pause()
    backend.pull(frames(2000))
    transport.resume()
    got = backend.pull(FADE + 1000)
    start = frames(1000)
    np.testing.assert_allclose(got[:FADE], content[start : start + FADE] * fade_in(FADE), atol=1e-7)
    np.testing.assert_array_equal(got[FADE:], content[start + FADE : start + FADE + 1000])
    engine.close()


def test_stop_fades_out_and_a_seek_cross_fades_without_a_click(tmp_path: Path) -> None:
    write_narration(tmp_path)
    engine, backend, transport = offline_engine(
        narrated_session(tmp_path), fade_ms=300, seek_fade_ms=30
    )
    transport.start()
    before = backend.pull(frames(1000))
    transport.seek(4_000)  # jumps from a quiet part of the ramp to a louder one
    jumped = backend.pull(frames(100))
    assert largest_step(np.concatenate([before, jumped])) < 1e-3
    transport.stop()
    stopped = backend.pull(FADE + 100)
    assert largest_step(stopped) < 1e-3
    assert not stopped[FADE:].any()
    engine.close()


def count_in_render(
    cues: Cues, choice: SoundChoice, block: int = 1024
) -> tuple[np.ndarray, Transport]:
    """3 s of count-in and 1 s of session, pulled with nobody calling transport.advance()."""
    session = paced_session(cues)
    sound = prepare_sound(timeline_of(session), choice, None, RATE)
    backend = OfflineBackend(RATE, block)
    engine = AudioEngine(backend, sound, gains=FULL)
    engine.start()
    transport = Transport(timeline_of(session), engine.clock, count_in_ms=3000)
    engine.connect(transport)
    transport.start()
    # A stalled GUI must delay neither the spoken numbers nor the start.
    got = backend.pull(frames(3000) + frames(1000)).copy()
    engine.close()
    transport.advance()  # the player's next frame, after all that sound
    return got, transport


@pytest.mark.parametrize(
    ("cues", "choice"),
    [(Cues.TONES, SoundChoice()), (Cues.VOICE, SoundChoice(voice=False))],
    ids=["tone-cues", "voice-off"],
)
def test_the_count_in_is_silent_unless_the_cues_are_spoken(cues: Cues, choice: SoundChoice) -> None:
    got, transport = count_in_render(cues, choice)
    assert not got[: frames(3000)].any()
    if cues is Cues.TONES:
        inhale = cue_bank("soft", RATE)["inhale"]
        np.testing.assert_array_equal(got[frames(3000) : frames(3000) + inhale.shape[0]], inhale)
    assert transport.state is State.PLAYING


@pytest.mark.parametrize("block", [1024, 441])
def test_a_spoken_count_in_says_each_number_on_its_second_then_the_first_prompt(
    block: int,
) -> None:
    got, transport = count_in_render(Cues.VOICE, SoundChoice(), block)
    numbers = count_in_bank(None, RATE)
    prompts = voice_prompt_bank(None, RATE)
    assert numbers is not None  # the shipped natural voice
    assert prompts is not None
    for seconds_left, clip in numbers.items():
        assert clip.shape[0] > frames(100)  # a spoken word, not an empty clip
        at = frames(3000 - seconds_left * 1000)
        before = max(0, at - frames(1))
        onset = before + int(np.flatnonzero(np.any(got[before:] != 0.0, axis=1))[0])
        assert abs(onset - at) <= frames(1)  # the word starts within 1 ms of its second
        np.testing.assert_array_equal(got[at : at + clip.shape[0]], clip)
        assert not got[at + clip.shape[0] : frames(4000 - seconds_left * 1000)].any()
    inhale = prompts["inhale"]
    np.testing.assert_array_equal(got[frames(3000) : frames(3000) + inhale.shape[0]], inhale)
    assert transport.state is State.PLAYING


def test_a_spoken_count_in_joined_late_by_the_output_latency_fades_in_without_a_click() -> None:
    class Buffered(OfflineBackend):
        latency_frames = frames(30)  # the device still holds 30 ms when the count-in begins

    session = paced_session(Cues.VOICE)
    sound = prepare_sound(timeline_of(session), SoundChoice(), None, RATE)
    backend = Buffered(RATE, 480)
    engine = AudioEngine(backend, sound, gains=FULL, seek_fade_ms=30)
    engine.start()
    backend.pull(frames(100))
    transport = Transport(timeline_of(session), engine.clock, count_in_ms=3000)
    engine.connect(transport)
    transport.start()
    got = backend.pull(frames(1000))
    assert abs(got[0, 0]) < 1e-4  # "Three" 30 ms in, faded in rather than cut
    assert np.abs(got).max() > 0.1  # and the word is still said
    engine.close()


def test_the_end_bell_rings_out_after_the_session_finishes() -> None:
    session = paced_session()
    engine, backend, transport = offline_engine(session)
    transport.start()
    end = ms_to_frame(timeline_of(session).duration_ms, RATE)
    backend.pull(end + frames(100))
    transport.advance()  # what the player's next frame does
    assert transport.state is State.FINISHED  # the transport finished on the engine's clock
    bell = cue_bank("soft", RATE)["end"]
    rest = backend.pull(bell.shape[0] - frames(100))
    np.testing.assert_array_equal(rest, bell[frames(100) :])
    assert engine.finished.is_set()
    engine.close()


def test_mute_glides_to_silence_within_one_block_without_a_click(tmp_path: Path) -> None:
    write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path))
    transport.start()
    before = backend.pull(frames(500))
    engine.set_gains(Gains(1.0, 1.0, 1.0, muted=True))
    after = backend.pull(4096)
    assert largest_step(np.concatenate([before, after])) < 1e-3
    assert not after[1024:].any()
    engine.close()


def test_a_failing_block_plays_silence_and_keeps_the_audio_thread_alive() -> None:
    class Broken:
        frames = 10 * RATE
        position = 0

        def read(self, count: int) -> np.ndarray:
            raise OSError("the disk went away")

        def seek(self, frame: int) -> None:
            self.position = frame

        def close(self) -> None:
            pass

    from pfrelax.audio.schedule import NarrationTrack, Span

    track = NarrationTrack(0, Span(0, 10 * RATE), Broken())
    sound = SessionSound(RATE, 10 * RATE, CueSchedule([]), (track,))
    backend = OfflineBackend(RATE, 1024)
    engine = AudioEngine(backend, sound)
    engine.start()
    engine.play_from(0)
    assert not backend.pull(4096).any()
    assert engine.error == "audio rendering failed: the disk went away"
    assert engine.frames_rendered == 4096
    engine.close()


def test_the_clock_is_frames_heard_minus_latency_plus_the_av_offset() -> None:
    clock = AudioClock(RATE, latency_frames=480, realtime=False, offset_ms=20)
    clock.advance(base=48_000, frames=480, wall=0.0)
    assert clock.now() == (48_480 - 480) / RATE + 0.020
    assert clock.device_frame_at(clock.now()) == 48_000


def test_a_real_time_clock_glides_between_blocks_but_never_past_the_last_one() -> None:
    clock = AudioClock(RATE, latency_frames=0, realtime=True)
    clock.advance(base=0, frames=480, wall=-100.0)  # a block handed over long ago
    assert clock.now() == 480 / RATE


def test_the_engine_history_records_each_blocks_session_frame() -> None:
    engine, backend, transport = offline_engine(paced_session())
    transport.start()
    backend.pull(3 * 1024)
    history = engine.history()
    assert history.session_frames.tolist() == [0, 1024, 2048]
    assert history.device_frames.tolist() == [0, 1024, 2048]
    engine.close()


def test_re_anchoring_to_the_same_place_is_not_a_jump() -> None:
    running = FrameMap(device_frame=1000, session_frame=5000, running=True)
    assert running.same_as(FrameMap(2000, 6000, True), tolerance=0)
    assert not running.same_as(FrameMap(2000, 6049, True), tolerance=48)
    assert not running.same_as(FrameMap(2000, 6000, False), tolerance=48)


def test_a_new_sound_set_takes_over_at_the_next_block_with_a_cross_fade() -> None:
    session = paced_session()
    engine, backend, transport = offline_engine(session, seek_fade_ms=30)
    transport.start()
    before = backend.pull(frames(300))  # in the middle of the first inhale tone
    bell = prepare_sound(timeline_of(session), SoundChoice(sound_set="bell"), None, RATE)
    engine.set_sound(bell)
    after = backend.pull(frames(2000) - frames(300) + frames(1000))
    assert largest_step(np.concatenate([before, after])) < 0.05  # tones peak near 0.3: no jump
    top_up = cue_bank("bell", RATE)["top_up"]
    start = frames(2000) - frames(300)  # the top-up starts at 2 s
    np.testing.assert_array_equal(after[start : start + top_up.shape[0]], top_up)
    assert engine.sound is bell
    engine.close()


def test_a_real_time_clock_says_how_long_the_output_has_been_silent() -> None:
    clock = AudioClock(RATE, latency_frames=0, realtime=True)
    clock.advance(base=0, frames=480, wall=time.monotonic() - 2.0)
    assert clock.silent_for() >= 2.0
    assert AudioClock(RATE, 0, realtime=False).silent_for() == 0.0


class DeadDevice:
    """A real-time output that was started and then never asked for sound again."""

    name = "dead"
    device_name = "unplugged headphones"
    rate = RATE
    block_frames = 480
    latency_frames = 0
    realtime = True

    def start(self, callback: object, rate: int, block: int) -> None:
        pass

    def stop(self) -> None:
        pass


def test_an_output_that_stops_asking_for_sound_is_reported_as_stalled() -> None:
    sound = prepare_sound(timeline_of(paced_session()), SoundChoice(), None, RATE)
    engine = AudioEngine(DeadDevice(), sound)
    assert not engine.is_stalled()  # not started: nothing to stall
    engine.start()
    engine.clock.advance(base=0, frames=480, wall=time.monotonic() - 1.0)
    assert engine.is_stalled()
    engine.close()


class RacingDevice(DeadDevice):
    """A real-time output whose driver takes blocks far faster than it plays them."""

    name = "racing"
    device_name = "a driver that races"

    def start(self, callback: object, rate: int, block: int) -> None:
        self.callback = callback


def test_an_output_that_takes_sound_faster_than_real_time_is_reported_as_racing() -> None:
    sound = prepare_sound(timeline_of(paced_session()), SoundChoice(), None, RATE)
    device = RacingDevice()
    engine = AudioEngine(device, sound)
    assert not engine.is_racing()  # not started: nothing to race
    engine.start()
    pull = device.callback
    assert callable(pull)
    pull(480)
    assert not engine.is_racing()  # one block is within any buffer
    for _ in range(RATE * 3 // 480):  # 3 s of sound, taken at once
        pull(480)
    assert engine.is_racing()
    assert not engine.is_stalled()
    engine.close()


def test_an_output_that_keeps_real_time_is_not_racing() -> None:
    sound = prepare_sound(timeline_of(paced_session()), SoundChoice(), None, RATE)
    engine = AudioEngine(DeadDevice(), sound)
    engine.start()
    now = time.monotonic()
    engine.clock.advance(base=0, frames=480, wall=now - 60.0)  # first asked a minute ago
    engine.clock.advance(base=RATE * 60, frames=480, wall=now)  # and has taken a minute since
    assert not engine.is_racing()
    engine.close()
