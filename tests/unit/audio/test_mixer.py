"""The mixer: bus gains glide without clicks, the limiter never lets a sample past 1.0."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from pfrelax.audio.format import CHANNELS, Block
from pfrelax.audio.mixer import CUT_FADE_MS, DUCK_DB, Gains, Mixer, apply_gain, soft_limit
from pfrelax.audio.schedule import CueSchedule, NarrationTrack, ScheduledCue, SessionSound, Span

from .audio_measure import largest_step, sine

RATE = 48_000


@dataclass
class ArrayStream:
    """An in-memory narration stream with the AudioStream interface."""

    content: Block
    frames: int = 0
    position: int = 0
    seeks: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.frames = self.content.shape[0]

    def read(self, count: int) -> Block:
        out = np.zeros((count, CHANNELS), dtype=np.float32)
        piece = self.content[self.position : self.position + count]
        out[: piece.shape[0]] = piece
        self.position += count
        return out

    def seek(self, frame: int) -> None:
        self.seeks.append(frame)
        self.position = frame

    def close(self) -> None:
        pass


def stereo(mono: np.ndarray) -> Block:
    return np.repeat(mono.reshape(-1, 1), CHANNELS, axis=1).astype(np.float32)


def loud_sound(seconds: int = 4) -> SessionSound:
    """Voice, cues and ambient all at full scale, all at once, for `seconds`."""
    n = seconds * RATE
    tone = stereo(sine(440.0, seconds, RATE, amplitude=1.0))
    voice = NarrationTrack(0, Span(0, n), ArrayStream(stereo(sine(300.0, seconds, RATE, 1.0))))
    cue = ScheduledCue(0, "inhale", tone)
    bed = stereo(sine(200.0, 1, RATE, amplitude=1.0))
    return SessionSound(RATE, n, CueSchedule([cue]), (voice,), bed)


def test_three_full_buses_never_exceed_full_scale_after_the_limiter() -> None:
    mixer = Mixer(loud_sound())
    out = mixer.render_block(RATE, RATE, Gains(1.0, 1.0, 1.0))
    assert np.max(np.abs(out)) <= 1.0
    assert np.max(np.abs(out)) > 0.9  # loud, just limited


def test_the_limiter_leaves_quiet_samples_alone_and_bends_loud_ones_smoothly() -> None:
    quiet = np.array([[0.5, -0.7]], dtype=np.float32)
    assert np.array_equal(soft_limit(quiet.copy()), quiet)
    loud = np.linspace(0.0, 3.0, 3001, dtype=np.float32).reshape(-1, 1).repeat(2, axis=1)
    limited = soft_limit(loud.copy())[:, 0]
    assert np.all(np.diff(limited) >= 0)  # still rising: a bend, not a clip …
    assert np.all(limited[:2000] < limited[1:2001])  # … strictly, well above the knee
    assert limited.max() <= 1.0
    assert np.array_equal(soft_limit(-loud.copy())[:, 0], -limited)


def test_a_gain_change_glides_over_one_block_without_a_jump() -> None:
    sound = loud_sound()
    mixer = Mixer(sound)
    natural = largest_step(mixer.render_block(0, RATE, Gains(0.5, 0.0, 0.0)))
    out = np.zeros((3 * 1024, CHANNELS), dtype=np.float32)
    blocks = [out[0:1024], out[1024:2048], out[2048:]]
    voice_only = Gains(0.5, 0.0, 0.0)
    silent = Gains(0.0, 0.0, 0.0)
    mixer.render_mix(0, blocks[0], voice_only, voice_only)
    mixer.render_mix(1024, blocks[1], voice_only, silent)
    mixer.render_mix(2048, blocks[2], silent, silent)
    assert largest_step(out) <= natural * 1.05
    assert not blocks[2].any()
    assert np.abs(blocks[1][-1]).max() == 0.0  # the ramp reaches its target on the last frame


def test_apply_gain_reaches_the_new_gain_on_the_last_frame_of_the_block() -> None:
    block = np.ones((4, CHANNELS), dtype=np.float32)
    apply_gain(block, 0.0, 1.0)
    assert block[:, 0].tolist() == [0.25, 0.5, 0.75, 1.0]


def test_ambient_loops_seamlessly_and_ducks_smoothly_under_narration() -> None:
    seconds = 12
    n = seconds * RATE
    bed = stereo(sine(100.0, 1, RATE, amplitude=0.5))  # one second: whole cycles, loops cleanly
    voice = NarrationTrack(
        0, Span(5 * RATE, 8 * RATE), ArrayStream(np.zeros((3 * RATE, 2), dtype=np.float32))
    )
    sound = SessionSound(RATE, n, CueSchedule([]), (voice,), bed)
    mixer = Mixer(sound)
    _, _, ambient = mixer.render_buses(0, n)
    ambient = ambient.copy()
    assert largest_step(ambient) <= largest_step(bed) * 1.01
    level_before = np.abs(ambient[3 * RATE : 4 * RATE]).max()
    level_under = np.abs(ambient[6 * RATE : 7 * RATE]).max()
    assert np.isclose(20 * np.log10(level_under / level_before), DUCK_DB, atol=0.05)


def test_narration_is_read_from_the_frame_the_position_asks_for() -> None:
    content = stereo(np.arange(RATE, dtype=np.float32) / RATE)
    stream = ArrayStream(content)
    track = NarrationTrack(0, Span(100, RATE), stream)
    sound = SessionSound(RATE, 2 * RATE, CueSchedule([]), (track,))
    mixer = Mixer(sound)
    voice, _, _ = mixer.render_buses(1000, 500)
    np.testing.assert_array_equal(voice, content[900:1400])
    voice, _, _ = mixer.render_buses(3000, 500)  # a jump (a seek): the stream follows
    np.testing.assert_array_equal(voice, content[2900:3400])
    voice, _, _ = mixer.render_buses(3500, 500)  # straight on: no seek needed
    np.testing.assert_array_equal(voice, content[3400:3900])
    assert stream.seeks == [900, 2900]


def test_a_cue_that_began_before_the_block_is_still_heard_in_it() -> None:
    tone = stereo(np.ones(1000, dtype=np.float32) * 0.25)
    sound = SessionSound(RATE, RATE, CueSchedule([ScheduledCue(100, "hold", tone)]))
    _, cues, _ = Mixer(sound).render_buses(600, 1000)
    assert np.all(cues[:500] == 0.25)
    assert not cues[500:].any()


def test_narration_longer_than_its_step_fades_out_by_the_steps_end() -> None:
    stream = ArrayStream(np.full((RATE, CHANNELS), 0.5, dtype=np.float32))
    track = NarrationTrack(0, Span(0, RATE // 2), stream)  # a 1 s clip in a 0.5 s step
    sound = SessionSound(RATE, RATE, CueSchedule([]), (track,))
    voice, _, _ = Mixer(sound).render_buses(0, RATE)
    fade = CUT_FADE_MS * RATE // 1000
    assert np.all(voice[: RATE // 2 - fade] == 0.5)
    assert np.all(np.diff(voice[RATE // 2 - fade : RATE // 2, 0]) < 0)
    assert voice[RATE // 2 - 1, 0] < 0.5 / fade * 1.01
    assert not voice[RATE // 2 :].any()


def test_the_mix_depends_only_on_position_not_on_how_it_is_cut_into_blocks() -> None:
    def mixed(cuts: list[int]) -> Block:
        sound = loud_sound()  # fresh streams each time
        mixer = Mixer(sound)
        gains = Gains(0.3, 0.3, 0.3)
        pieces = [mixer.render_block(a, b - a, gains) for a, b in itertools.pairwise(cuts)]
        return np.concatenate(pieces)

    whole = mixed([0, 3 * RATE])
    np.testing.assert_array_equal(mixed([0, 1, 480, 1501, 77_777, 96_000, 3 * RATE]), whole)
    backwards = [mixed([start, start + 999]) for start in (90_000, 10_000, 50_000)]
    for start, piece in zip((90_000, 10_000, 50_000), backwards, strict=True):
        np.testing.assert_array_equal(piece, whole[start : start + 999])
