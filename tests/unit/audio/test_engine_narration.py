"""Narration follows the session position exactly through pause, resume and seek."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pfrelax.audio.engine import SoundChoice, prepare_sound
from pfrelax.audio.mixer import Mixer
from pfrelax.audio.narration import open_narration
from pfrelax.audio.speech import SpeechError
from pfrelax.core.session import RestStep, Session, SpeakStep, media_folder, recorded_file
from pfrelax.core.timeline import compile_session
from pfrelax.formats.session_file import loose_media_root

from .engine_kit import RATE, frames, narrated_session, offline_engine, silence, write_narration


def test_narration_plays_from_its_first_frame_when_the_session_starts(tmp_path: Path) -> None:
    content = write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path))
    transport.start()
    np.testing.assert_array_equal(backend.pull(frames(1500)), content[: frames(1500)])
    engine.close()


def test_after_a_pause_there_is_silence_and_resume_continues_where_it_paused(
    tmp_path: Path,
) -> None:
    content = write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path))
    transport.start()
    backend.pull(frames(1000))
    transport.pause()
    assert transport.position_ms() == 1000
    np.testing.assert_array_equal(backend.pull(frames(700)), silence(frames(700)))
    transport.resume()
    resumed = backend.pull(frames(800))
    np.testing.assert_array_equal(resumed, content[frames(1000) : frames(1800)])
    engine.close()


def test_a_seek_while_playing_lands_on_the_file_content_at_the_new_position(
    tmp_path: Path,
) -> None:
    content = write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path))
    transport.start()
    backend.pull(frames(500))
    transport.seek(4_321)
    got = backend.pull(frames(600))
    np.testing.assert_array_equal(got, content[frames(4_321) : frames(4_921)])
    transport.seek(250)  # and backwards
    np.testing.assert_array_equal(backend.pull(2048), content[frames(250) : frames(250) + 2048])
    engine.close()


def test_a_seek_while_paused_is_silent_until_resumed_there(tmp_path: Path) -> None:
    content = write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path))
    transport.start()
    backend.pull(frames(300))
    transport.pause()
    transport.seek(2_000)
    np.testing.assert_array_equal(backend.pull(frames(400)), silence(frames(400)))
    transport.resume()
    np.testing.assert_array_equal(backend.pull(1000), content[frames(2_000) : frames(2_000) + 1000])
    engine.close()


def test_narration_stops_at_its_end_and_the_next_step_is_silent(tmp_path: Path) -> None:
    content = write_narration(tmp_path)
    engine, backend, transport = offline_engine(narrated_session(tmp_path))
    transport.start()
    transport.seek(5_500)
    got = backend.pull(frames(1000))
    np.testing.assert_array_equal(got[: frames(500)], content[frames(5_500) :])
    np.testing.assert_array_equal(got[frames(500) :], silence(frames(500)))
    engine.close()


def test_voice_is_left_out_when_the_voice_is_switched_off(tmp_path: Path) -> None:
    write_narration(tmp_path)
    choice = SoundChoice(voice=False)
    engine, backend, transport = offline_engine(narrated_session(tmp_path), choice)
    transport.start()
    np.testing.assert_array_equal(backend.pull(frames(1000)), silence(frames(1000)))
    engine.close()


class FakeSpeech:
    """A speech engine that 'speaks' by writing the test ramp, or fails like a broken one."""

    name = "fake"

    def __init__(self, folder: Path, fail: bool = False) -> None:
        self.folder = folder
        self.fail = fail
        self.spoken: list[str] = []

    def synthesize(self, text: str, voice: str | None = None) -> Path:
        if self.fail:
            raise SpeechError("Speech could not be made with fake: no voices")
        self.spoken.append(text)
        write_narration(self.folder)
        return self.folder / "narration.wav"


def text_only_session() -> Session:
    return Session(
        id="spoken",
        title="Spoken",
        steps=(SpeakStep("Arrive", "Settle in.", seconds_ms=3000),),
    )


def test_a_step_with_only_text_is_spoken_by_the_speech_engine(tmp_path: Path) -> None:
    speech = FakeSpeech(tmp_path)
    timeline = compile_session(text_only_session())
    tracks, problems = open_narration(timeline, speech, RATE)  # type: ignore[arg-type]
    assert speech.spoken == ["Settle in."]
    assert [(t.step, t.span.start, t.span.end) for t in tracks] == [(0, 0, frames(3000))]
    assert tracks[0].cut_short  # 6 s of speech in a 3 s step: it fades out at the step's end
    assert problems == ()
    tracks[0].stream.close()


def test_without_a_working_speech_engine_the_step_is_captions_only(tmp_path: Path) -> None:
    timeline = compile_session(text_only_session())
    failing = FakeSpeech(tmp_path, fail=True)
    assert open_narration(timeline, failing, RATE) == ((), ())  # type: ignore[arg-type]
    assert open_narration(timeline, None, RATE) == ((), ())


def test_a_missing_recording_is_reported_by_its_name_in_the_session(tmp_path: Path) -> None:
    timeline = compile_session(narrated_session(tmp_path), lambda path: 6000)
    tracks, problems = open_narration(timeline, None, RATE)
    assert tracks == ()
    assert problems == ("narration.wav: the file is missing; add it or fix the name",)


def test_a_packs_audio_is_found_from_the_packs_top_folder(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "sessions").mkdir(parents=True)
    (pack / "audio").mkdir()
    (pack / "audio" / "arrive.ogg").write_bytes(b"")
    (pack / "pack.toml").write_text("", encoding="utf-8")
    written = pack / "sessions" / "s.toml"
    session = Session(
        id="s", title="S", steps=(), origin=written, media_root=loose_media_root(written)
    )
    assert media_folder(session) == pack  # what the pack reader and `pfrelax timeline` set
    assert recorded_file(session, "audio/arrive.ogg") == pack / "audio" / "arrive.ogg"
    loose = Session(id="s", title="S", steps=(), origin=tmp_path / "s.toml")
    assert recorded_file(loose, "narration.wav") == tmp_path / "narration.wav"


def test_a_sessions_own_ambient_recording_loops_under_the_whole_session(tmp_path: Path) -> None:
    loop = write_narration(tmp_path, seconds=1)
    session = Session(
        id="rain",
        title="Rain",
        ambient="narration.wav",
        origin=tmp_path / "rain.toml",
        steps=(RestStep("Rest", 10_000),),
    )
    sound = prepare_sound(compile_session(session), SoundChoice(ambient="low-drone"), None, RATE)
    assert sound.ambient is None  # the session's own recording wins over the chosen bed
    _, _, ambient = Mixer(sound).render_buses(frames(2000), frames(5000))  # full level here
    np.testing.assert_array_equal(ambient, np.tile(loop, (5, 1)))
    sound.close()


def test_a_missing_ambient_recording_falls_back_to_the_chosen_bed(tmp_path: Path) -> None:

    session = Session(
        id="rain",
        title="Rain",
        ambient="audio/rain.ogg",
        origin=tmp_path / "rain.toml",
        steps=(RestStep("Rest", 10_000),),
    )
    sound = prepare_sound(compile_session(session), SoundChoice(ambient="low-drone"), None, RATE)
    assert sound.ambient is not None
    assert sound.problems == ("audio/rain.ogg: the file is missing; add it or fix the name",)
