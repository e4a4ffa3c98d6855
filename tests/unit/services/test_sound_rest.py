"""With every sound off nothing mixes silence: no output stays open and playback runs on its own
clock; choosing a sound again opens one and hands playback its clock without a jump."""

from __future__ import annotations

import pytest

from pfrelax.core.settings import Settings
from pfrelax.core.transport import State

from ..audio.engine_kit import RATE, frames
from .test_sound import BLOCK, Outputs, engine_of, load, make, pull_ms, runs_on

ALL_OFF = Settings(count_in_seconds=0, sound_set="none", voice_enabled=False, ambient="none")


def test_with_every_sound_off_no_output_stays_open_and_the_session_runs_on_its_own_clock() -> None:
    outputs = Outputs()
    playback, sound, clock = make(ALL_OFF, open_output=outputs)
    transport = load(playback)
    assert outputs.asked == ["null"]  # it looked, and found nothing to hear
    assert sound.engine is None
    assert sound.unavailable is None  # nothing is wrong: it is quiet by choice
    assert not sound.watching
    playback.start()
    clock.advance(1.5)
    assert playback.position_ms() == 1500
    assert runs_on(transport, clock)


def test_choosing_a_sound_mid_session_moves_playback_onto_the_sound_clock_without_a_jump() -> None:
    playback, sound, clock = make(ALL_OFF)
    transport = load(playback)
    playback.start()
    clock.advance(2.5)
    before = transport.moment()
    sound.choose(sound_set="soft")
    engine = engine_of(sound)
    assert runs_on(transport, engine.clock)
    assert transport.moment() == before  # the same phase, to the millisecond
    pull_ms(sound, 500)
    assert playback.state is State.PLAYING
    assert playback.position_ms() == pytest.approx(before.time_ms + 500, abs=BLOCK * 1000 // RATE)
    # The sound follows from where the session is, not from its start: the frame map was
    # anchored at the hand-over.
    started = engine.history().session_frames[0]
    assert started == pytest.approx(frames(before.time_ms), abs=BLOCK)


def test_turning_every_sound_off_again_closes_the_output_and_keeps_the_phase() -> None:
    playback, sound, clock = make(ALL_OFF.replace(sound_set="soft"))
    transport = load(playback)
    playback.start()
    pull_ms(sound, 800)
    before = transport.position_ms()
    sound.choose(sound_set="none")
    assert sound.engine is None
    assert runs_on(transport, clock)
    assert transport.position_ms() == before
    clock.advance(0.2)
    assert transport.position_ms() == before + 200
