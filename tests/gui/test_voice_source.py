"""The sound panel says which voice speaks: natural recordings, the system voice, or captions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session, SpeakStep
from pfrelax.core.settings import Settings
from pfrelax.formats.session_file import load_session
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.player.player_audio import PlayerAudio, sound_choice
from pfrelax.ui.player.player_page import PlayerPage
from pfrelax.ui.player.sound_panel import SoundPanel

from .conftest import with_sound

READY_MS = 10_000
NO_COUNT_IN = Settings(count_in_seconds=0)
UNRECORDED = Session("new", "New words", (SpeakStep("Hello", "Words nobody recorded.", 4000),))


def builtin() -> Session:
    return load_session(paths.builtin_sessions_dir() / "one-minute-reset.toml")


@pytest.fixture
def player(qtbot: QtBot, home: Path) -> Iterator[tuple[PlayerPage, PlayerAudio, Preferences]]:
    preferences = Preferences(home / "settings.json", NO_COUNT_IN)
    page = PlayerPage(Playback(FakeClock()), preferences)
    page.set_palette(LIGHT)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    qtbot.waitExposed(page)
    audio = with_sound(page, NO_COUNT_IN)  # the offline output; no speech engine
    yield page, audio, preferences
    audio.shutdown()
    page.shutdown()


def shown_source(qtbot: QtBot, panel: SoundPanel, expected: str) -> None:
    qtbot.waitUntil(lambda: panel.voice_source() == expected, timeout=READY_MS)


def test_the_panel_names_the_voice_of_each_session(
    player: tuple[PlayerPage, PlayerAudio, Preferences], qtbot: QtBot
) -> None:
    page, _audio, preferences = player
    panel = page.sound_panel
    assert panel.voice_source() is None  # nothing is known before a session is loaded

    page.load(builtin())
    shown_source(qtbot, panel, "Natural voice")
    page.load(UNRECORDED)
    shown_source(qtbot, panel, "Captions only")
    preferences.change(voice_source="system")
    page.load(builtin())
    shown_source(qtbot, panel, "Captions only")  # the system voice was chosen, and none works

    qtbot.mouseClick(page.pre_start.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.reveal_button.isVisible)
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.voice_label.isVisible)
    assert panel.voice_label.text() == "Captions only"
    assert panel.voice_label.accessibleName() == "Captions only"


def test_the_settings_choice_reaches_the_engine() -> None:
    assert sound_choice(Settings()).natural
    assert not sound_choice(Settings(voice_source="system")).natural


def test_settings_offer_a_voice_choice_only_when_there_are_two(qtbot: QtBot) -> None:
    from pfrelax.audio.speech import EspeakEngine
    from pfrelax.ui.settings.settings_dialog import SettingsDialog

    alone = SettingsDialog(Settings(), find_speech=lambda: None)
    qtbot.addWidget(alone)
    assert not alone.voice_choice
    assert alone.chosen().voice_source == "natural"

    dialog = SettingsDialog(Settings(), find_speech=lambda: EspeakEngine(program="espeak-ng"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.voice_choice
    assert dialog.voice_source.currentText() == "Natural voice (comes with the app)"
    dialog.voice_source.setFocus()
    qtbot.waitUntil(dialog.voice_source.hasFocus)
    qtbot.keyClick(dialog.voice_source, Qt.Key.Key_Down)
    assert dialog.chosen().voice_source == "system"
