"""The shipped natural voice: every built-in text has its clip, none stale, all in budget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile

from pfrelax.audio import loudness
from pfrelax.audio.voice_library import (
    MANIFEST,
    MONO_TARGET_LUFS,
    REFRESH_COMMAND,
    VOICE_SETTINGS,
    clip_key,
    cue_texts,
    read_manifest,
    shipped_clip,
    voice_dir,
)
from pfrelax.commands.voices import builtin_voice_texts

BUDGET_BYTES = 25 * 1000 * 1000
FOLDER = voice_dir()
CLIPS = read_manifest(FOLDER)


def test_every_builtin_speak_step_and_spoken_cue_has_its_recording() -> None:
    wanted = builtin_voice_texts()
    missing = [text for text in wanted if shipped_clip(text) is None]

    assert set(cue_texts()) <= set(wanted)
    assert {"Breathe in", "Breathe out", "Hold", "A little more in", "Let go"} <= set(wanted)
    assert not missing, (
        f"{len(missing)} built-in text(s) have no natural-voice recording, e.g. "
        f"“{missing[0][:60]}…”; run `{REFRESH_COMMAND}` and commit assets/voice"
    )


def test_no_shipped_recording_is_stale() -> None:
    """A changed text (or voice setting) leaves its old clip behind: this names it."""
    wanted = set(builtin_voice_texts())
    stale = [
        clip.text
        for key, clip in CLIPS.items()
        if clip.text not in wanted or key != clip_key(clip.text, VOICE_SETTINGS)
    ]

    assert not stale, (
        f"{len(stale)} natural-voice clip(s) no longer match a text or the voice settings, "
        f"e.g. “{stale[0][:60]}…”; run `{REFRESH_COMMAND}` to re-render and prune them"
    )


def test_the_manifest_names_only_files_that_exist_and_nothing_else_is_shipped() -> None:
    listed = {clip.file for clip in CLIPS.values()}
    on_disk = {path.name for path in FOLDER.iterdir() if path.name != MANIFEST}

    assert listed == on_disk
    assert json.loads((FOLDER / MANIFEST).read_text(encoding="utf-8"))["settings"] == dict(
        VOICE_SETTINGS
    )


def test_all_builtin_audio_fits_the_budget() -> None:
    total = sum(path.stat().st_size for path in FOLDER.iterdir())

    assert total <= BUDGET_BYTES, f"{total / 1e6:.1f} MB of built-in voice; the budget is 25 MB"


@pytest.mark.parametrize("key", sorted(CLIPS))
def test_each_clip_is_mono_opus_at_the_loudness_target_and_as_long_as_listed(key: str) -> None:
    clip = CLIPS[key]
    path = FOLDER / clip.file
    samples, rate = soundfile.read(path, dtype="float64")
    info = soundfile.info(path)

    assert (info.format, info.subtype, info.channels, rate) == ("OGG", "OPUS", 1, 48_000)
    assert abs(len(samples) * 1000 // rate - clip.ms) <= 30
    assert loudness.integrated_lufs(samples, rate) == pytest.approx(MONO_TARGET_LUFS, abs=1.0)
    assert loudness.peak(samples) < 0.6  # the limiter's ceiling (0.42), with Opus's overshoot


def test_a_changed_text_has_no_recording_until_it_is_rendered_again(tmp_path: Path) -> None:
    text = next(iter(builtin_voice_texts()))

    assert shipped_clip(text) is not None
    assert shipped_clip(f"{text} (edited)") is None
    assert shipped_clip(f"  {text}\n") is not None  # re-wrapping a line is not a change
    assert clip_key(text, {**VOICE_SETTINGS, "length_scale": 1.0}) != clip_key(text)
    assert shipped_clip(text, folder=tmp_path) is None
