"""`render_session` and `pfrelax render`/`doctor`: the file is the session exactly as it plays."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import miniaudio
import numpy as np
import pytest
import soundfile

from pfrelax.audio.backends import simpleaudio_backend as sa_backend
from pfrelax.audio.engine import SoundChoice
from pfrelax.audio.mixer import Gains
from pfrelax.audio.render import RenderError, output_format, render_session
from pfrelax.cli import main

from .engine_kit import (
    RATE,
    narrated_session,
    offline_engine,
    paced_session,
    timeline_of,
    write_narration,
)

NARRATED_TOML = """\
pfrelax = 1
id = "narrated"
title = "Narrated"

[[step]]
type = "speak"
title = "Listen"
text = "A ramp, not words."
audio = "narration.wav"

[[step]]
type = "breathe"
title = "Breathe"
pattern = "4-6"
cycles = 1
cues = "tones"
"""


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))


def test_a_wav_render_is_sample_for_sample_what_the_engine_plays(tmp_path: Path) -> None:
    write_narration(tmp_path)
    session = narrated_session(tmp_path)
    target = tmp_path / "out.wav"
    done = render_session(timeline_of(session), target, SoundChoice(ambient="low-drone"))
    engine, backend, transport = offline_engine(
        session, SoundChoice(ambient="low-drone"), gains=Gains()
    )
    transport.start()
    played = backend.pull(engine.sound.last_frame)
    engine.close()
    written, rate = soundfile.read(str(target), dtype="float32")
    assert rate == RATE
    assert done.frames == written.shape[0] == played.shape[0]
    np.testing.assert_allclose(written, played, atol=1 / 32767)  # 16-bit PCM


@pytest.mark.parametrize("extension", [".flac", ".ogg", ".mp3"])
def test_flac_ogg_and_mp3_are_written_by_extension(tmp_path: Path, extension: str) -> None:
    target = tmp_path / f"out{extension}"
    done = render_session(timeline_of(paced_session()), target)
    info = soundfile.info(str(target))
    assert info.samplerate == RATE
    assert abs(info.frames - done.frames) < RATE // 10


def test_an_unknown_extension_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.aiff"
    with pytest.raises(RenderError) as raised:
        render_session(timeline_of(paced_session()), target)
    assert (
        str(raised.value)
        == f"{target}: cannot write .aiff audio; end the name with .wav, .flac, .ogg, .mp3"
    )
    assert list(tmp_path.iterdir()) == []
    assert output_format(Path("x.WAV")) == ("WAV", "PCM_16")


def test_render_command_writes_a_builtin_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reset.wav"
    argv = ["render", "one-minute-reset", "-o", str(target), "--no-voice", "--sound-set", "bell"]
    assert main(argv) == 0
    seconds = soundfile.info(str(target)).duration
    assert f"wrote {target} ({seconds:.1f} s, 48000 Hz stereo)" in capsys.readouterr().out
    assert seconds > 60  # the session, then the end bell


def test_render_command_plays_a_session_files_recorded_narration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_narration(tmp_path)
    (tmp_path / "narrated.toml").write_text(NARRATED_TOML, encoding="utf-8")
    target = tmp_path / "narrated.wav"
    assert main(["render", str(tmp_path / "narrated.toml"), "-o", str(target)]) == 0
    written, _ = soundfile.read(str(target), dtype="float32")
    np.testing.assert_allclose(written[: content.shape[0]], content, atol=1 / 32767)


def test_render_command_with_an_unknown_extension_exits_1_saying_which_to_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "one-minute-reset", "-o", str(tmp_path / "out.m4a")]) == 1
    message = (
        f"pfrelax render: {tmp_path / 'out.m4a'}: cannot write .m4a audio; "
        "end the name with .wav, .flac, .ogg, .mp3\n"
    )
    assert capsys.readouterr().err == message


def test_render_command_with_an_unknown_session_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "no-such-session", "-o", str(tmp_path / "out.wav")]) == 1
    assert "no session 'no-such-session'" in capsys.readouterr().err


def test_doctor_with_the_null_output_reports_it_and_succeeds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["doctor", "--null"]) == 0
    out = capsys.readouterr().out
    assert "Sound output:  null\n" in out
    assert "  buffer:      480 frames (10.0 ms) at 48000 Hz\n" in out
    assert "  latency:     1440 frames (30.0 ms)\n" in out
    assert "Data folder:   " in out


def test_doctor_without_a_device_says_why_and_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_device(*args: Any, **kwargs: Any) -> None:
        raise miniaudio.MiniaudioError("failed to init device", -401)

    monkeypatch.setattr(miniaudio, "PlaybackDevice", no_device)
    monkeypatch.setattr(sa_backend, "refusal", lambda version=None: None)
    monkeypatch.setattr(sa_backend, "probe", lambda: "simpleaudio is not installed")
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "Sound output:  none works — sessions run silently, with captions\n" in out
    assert "simpleaudio: simpleaudio is not installed" in out


def test_render_command_names_a_missing_recording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "narrated.toml").write_text(NARRATED_TOML, encoding="utf-8")
    argv = ["render", str(tmp_path / "narrated.toml"), "-o", str(tmp_path / "out.wav")]
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        "pfrelax render: narration.wav: the file is missing; add it or fix the name\n"
    )
    assert not (tmp_path / "out.wav").exists()


def test_the_render_is_fsynced_before_its_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash right after the rename must not leave an empty or short file under the name."""
    events: list[tuple[str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append(("fsync", os.fstat(descriptor).st_ino))
        real_fsync(descriptor)

    def replace(source: Any, target: Any) -> None:
        events.append(("rename", Path(source).stat().st_ino))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "out.wav"
    render_session(timeline_of(paced_session()), target)
    written, folder = target.stat().st_ino, tmp_path.stat().st_ino
    assert events == [("fsync", written), ("rename", written), ("fsync", folder)]
