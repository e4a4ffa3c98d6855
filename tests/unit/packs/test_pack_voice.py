"""`pack build --voice natural`: every text-only speak step leaves the build with a recording."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.audio import voice_author
from pfrelax.cli import main
from pfrelax.core.session import SpeakStep
from pfrelax.formats.pack import read_pack
from pfrelax.formats.session_file import load_session
from pfrelax.services.catalog import timeline as session_timeline

from ..audio.fake_piper import fake_natural_voice
from .packkit import pack_files, write_folder

BUILTIN_TEXT = next(
    step.text
    for step in load_session(paths.builtin_sessions_dir() / "one-minute-reset.toml").steps
    if isinstance(step, SpeakStep)
)
TEXT_ONLY_SESSION = f"""\
pfrelax = 1
id = "soften"
title = "Soften"

[[step]]
type = "speak"
title = "Arrive"
seconds = 30
text = "Welcome. Let your breath settle."

[[step]]
type = "breathe"
title = "Drop on the in-breath"
pattern = "4-0-6-0"
cycles = 2

[[step]]
type = "speak"
title = "Pause"
seconds = 10
text = "{BUILTIN_TEXT}"

[[step]]
type = "speak"
title = "Recorded"
text = "Welcome."
audio = "audio/welcome.wav"
"""


def text_only_pack(root: Path) -> Path:
    files = pack_files()
    files["sessions/soften.toml"] = TEXT_ONLY_SESSION.encode()
    return write_folder(root, files)


def test_every_speak_step_gets_a_recording_and_lasts_as_long_as_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    voice = fake_natural_voice(tmp_path)
    monkeypatch.setattr(voice_author, "find_natural_voice", lambda: voice)
    folder = text_only_pack(tmp_path / "pack")
    before = (folder / "sessions/soften.toml").read_bytes()
    built = tmp_path / "soften.pfpack"

    assert main(["pack", "build", str(folder), "-o", str(built), "--voice", "natural"]) == 0
    assert main(["pack", "info", str(built)]) == 0
    out = capsys.readouterr().out

    pack = read_pack(built)
    [session] = pack.sessions
    speak = [step for step in session.steps if isinstance(step, SpeakStep)]
    assert all(step.audio for step in speak)
    assert str(speak[0].audio).startswith("audio/voice/")
    assert speak[2].audio == "audio/welcome.wav"  # the PT's own recording is left alone
    lines = [line for line in out.splitlines() if line.startswith("    “")]
    assert len(lines) == 3
    assert all("recording audio/" in line for line in lines)
    recorded_ms = sum(pack.audio_ms[step.audio] for step in speak if step.audio)
    breathe_ms = 2 * 10_000
    assert (
        session_timeline(session).duration_ms == recorded_ms + breathe_ms
    )  # not the `seconds` written
    assert (folder / "sessions/soften.toml").read_bytes() == before  # the PT's folder untouched


def test_without_the_voice_extra_the_build_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(voice_author, "find_natural_voice", lambda: None)
    folder = text_only_pack(tmp_path / "pack")
    built = tmp_path / "soften.pfpack"

    assert main(["pack", "build", str(folder), "-o", str(built), "--voice", "natural"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sessions/soften.toml: ")
    assert ".venv/bin/pip install -c constraints.txt -e '.[voice]'" in err
    assert not built.exists()


def test_a_text_the_app_ships_is_copied_without_the_voice_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(voice_author, "find_natural_voice", lambda: None)
    files = pack_files()
    files["sessions/soften.toml"] = TEXT_ONLY_SESSION.replace(
        "Welcome. Let your breath settle.", BUILTIN_TEXT
    ).encode()
    folder = write_folder(tmp_path / "pack", files)
    built = tmp_path / "soften.pfpack"

    assert main(["pack", "build", str(folder), "-o", str(built), "--voice", "natural"]) == 0
    [session] = read_pack(built).sessions
    assert all(step.audio for step in session.steps if isinstance(step, SpeakStep))
