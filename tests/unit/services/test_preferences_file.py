"""Settings and their file: defaults, a JSON round trip, and forgiveness for anything unreadable."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from pfrelax.audio.ambient import AMBIENT_BEDS
from pfrelax.audio.backends import PREFERENCES
from pfrelax.audio.mixer import Gains
from pfrelax.audio.synth import SOUND_SETS as SYNTH_SOUND_SETS
from pfrelax.core import settings as core
from pfrelax.core.settings import Settings
from pfrelax.services import preferences as store


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert store.load(tmp_path / "nope.json") == Settings()
    assert Settings().count_in_seconds == 3
    assert Settings().theme == "system"


def test_saved_settings_load_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    chosen = Settings(
        theme="dark",
        animation_style="path",
        reduced_motion=True,
        count_in_seconds=0,
        show_seconds=False,
    )
    store.save(chosen, path)
    assert store.load(path) == chosen
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_settings_go_to_the_settings_path_under_pfrelax_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path))
    store.save(Settings(theme="light"))
    assert json.loads((tmp_path / "config" / "settings.json").read_text())["theme"] == "light"
    assert store.load().theme == "light"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Settings()),
        ("{not json", Settings()),
        ("[1, 2]", Settings()),
        ('{"theme": "purple", "count_in_seconds": 5}', Settings(count_in_seconds=5)),
        ('{"count_in_seconds": 11, "theme": "dark"}', Settings(theme="dark")),
        ('{"count_in_seconds": -1}', Settings()),
        ('{"count_in_seconds": true}', Settings()),
        ('{"count_in_seconds": 2.5}', Settings()),
        ('{"reduced_motion": 1}', Settings()),
        ('{"reduced_motion": true, "from_the_future": 1}', Settings(reduced_motion=True)),
    ],
)
def test_unreadable_or_invalid_values_fall_back_to_defaults(
    tmp_path: Path, text: str, expected: Settings
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    assert store.load(path) == expected


def test_an_invalid_value_is_logged_with_its_name(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"animation_style": "spiral"}', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        store.load(path)
    assert "settings: animation_style='spiral' is not valid; using 'orb'" in caplog.text


def test_a_file_that_is_not_utf8_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"theme": "\xff"}')
    assert store.load(path) == Settings()


def test_replace_checks_values_like_the_file(tmp_path: Path) -> None:
    assert Settings().replace(count_in_seconds=7).count_in_seconds == 7
    assert Settings().replace(count_in_seconds=99).count_in_seconds == 3


def test_sound_settings_start_gentle_with_the_voice_on_and_no_offset() -> None:
    chosen = Settings()
    assert (chosen.sound_set, chosen.ambient, chosen.muted) == ("soft", "none", False)
    assert (chosen.voice_volume, chosen.cues_volume, chosen.ambient_volume) == (100, 80, 40)
    assert chosen.voice_enabled
    assert chosen.av_offset_ms == 0
    assert chosen.audio_output == "auto"


def test_the_sound_defaults_are_the_mixers_defaults() -> None:
    gains = Gains()
    chosen = Settings()
    assert (chosen.voice_volume, chosen.cues_volume, chosen.ambient_volume) == (
        round(gains.voice * 100),
        round(gains.cues * 100),
        round(gains.ambient * 100),
    )


def test_the_sound_choices_are_the_audio_layers_names() -> None:
    assert core.SOUND_SETS == SYNTH_SOUND_SETS
    assert ("none", *AMBIENT_BEDS) == core.AMBIENTS
    assert set(core.AUDIO_OUTPUTS) == set(PREFERENCES) - {"offline"}


def test_sound_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings(
        sound_set="bell",
        ambient="low-drone",
        voice_volume=55,
        cues_volume=0,
        ambient_volume=100,
        muted=True,
        voice_enabled=False,
        av_offset_ms=-120,
        audio_output="null",
    )
    store.save(chosen, path)
    assert store.load(path) == chosen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"av_offset_ms": 501}', Settings()),
        ('{"av_offset_ms": -500}', Settings(av_offset_ms=-500)),
        ('{"cues_volume": 101}', Settings()),
        ('{"voice_volume": -1}', Settings()),
        ('{"sound_set": "chime"}', Settings()),
        ('{"ambient": "rain"}', Settings()),
        ('{"audio_output": "offline"}', Settings()),
        ('{"muted": "yes"}', Settings()),
        ('{"voice_enabled": 0}', Settings()),
    ],
)
def test_sound_values_out_of_range_fall_back_to_defaults(
    tmp_path: Path, text: str, expected: Settings
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    assert store.load(path) == expected
