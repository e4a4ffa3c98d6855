"""Every cue starts on its exact scheduled frame, in the mode its step asks for."""

from __future__ import annotations

import numpy as np
import pytest

from pfrelax.audio.engine import SoundChoice
from pfrelax.audio.format import Block
from pfrelax.audio.schedule import CUE_SOUND, ms_to_frame
from pfrelax.audio.synth import cue_bank
from pfrelax.core.session import Cues

from .engine_kit import RATE, offline_engine, paced_session, timeline_of


def first_sound(block: np.ndarray) -> int:
    return int(np.flatnonzero(np.any(block != 0.0, axis=1))[0])


@pytest.mark.parametrize("sound_set", ["soft", "bell"])
def test_every_cue_starts_on_the_frame_of_its_phase_boundary(sound_set: str) -> None:
    session = paced_session()
    engine, backend, transport = offline_engine(session, SoundChoice(sound_set=sound_set))
    transport.start()
    lead = 480  # silence before the session, so the window before frame 0 exists
    rendered = np.concatenate(
        [np.zeros((lead, 2), np.float32), backend.pull(engine.sound.last_frame)]
    )
    bank = cue_bank(sound_set, RATE)
    points = [p for p in timeline_of(session).cue_points() if p.kind in CUE_SOUND]
    assert len(points) > 20
    for point in points:
        boundary = lead + ms_to_frame(point.time_ms, RATE)
        sound = bank[CUE_SOUND[point.kind]]
        window = rendered[boundary - lead : boundary + lead]
        assert first_sound(window) - lead == first_sound(sound), point
        np.testing.assert_array_equal(rendered[boundary : boundary + sound.shape[0]], sound)
    engine.close()


def test_the_first_nonzero_sample_after_each_boundary_is_the_cue_onset() -> None:
    session = paced_session()
    engine, backend, transport = offline_engine(session)
    transport.start()
    rendered = backend.pull(engine.sound.last_frame)
    for point in timeline_of(session).cue_points():
        if point.kind not in CUE_SOUND:
            continue
        boundary = ms_to_frame(point.time_ms, RATE)
        assert not rendered[boundary].any()  # every cue starts from exactly 0 …
        assert rendered[boundary + 1].any(), point  # … and is audible on the next frame
    engine.close()


def test_cues_land_on_the_same_frames_whatever_the_block_size() -> None:
    renders = []
    for block in (480, 1024, 777):
        engine, backend, transport = offline_engine(paced_session(), block=block)
        transport.start()
        renders.append(backend.pull(engine.sound.last_frame))
        engine.close()
    np.testing.assert_array_equal(renders[0], renders[1])
    np.testing.assert_array_equal(renders[0], renders[2])


def test_steps_with_cues_off_are_silent_but_the_end_bell_still_rings() -> None:
    session = paced_session(cues=Cues.NONE)
    engine, backend, transport = offline_engine(session)
    transport.start()
    end = ms_to_frame(timeline_of(session).duration_ms, RATE)
    rendered = backend.pull(engine.sound.last_frame)
    assert not rendered[:end].any()
    np.testing.assert_array_equal(rendered[end:], cue_bank("soft", RATE)["end"])
    engine.close()


def test_voice_cues_without_a_speech_engine_or_the_natural_voice_fall_back_to_tones() -> None:
    tones: list[Block] = []
    voice: list[Block] = []
    system_only = SoundChoice(natural=False)
    for cues, out in ((Cues.TONES, tones), (Cues.VOICE, voice)):
        engine, backend, transport = offline_engine(paced_session(cues=cues), system_only)
        transport.start()
        out.append(backend.pull(engine.sound.last_frame))
        engine.close()
    np.testing.assert_array_equal(tones[0], voice[0])


def test_the_none_sound_set_is_silent_throughout() -> None:
    engine, backend, transport = offline_engine(paced_session(), SoundChoice(sound_set="none"))
    transport.start()
    assert not backend.pull(engine.sound.last_frame).any()
    engine.close()
