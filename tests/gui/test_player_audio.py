"""The player with sound: the panel talks to the sound service, which follows playback.

They run on the offline output and a fake clock (tests/unit/services/test_sound.py has the
service's own tests), except one: the app's path — a worker thread, miniaudio's null output in
real time (PFRELAX_AUDIO=null from conftest). tests/e2e/test_audio_realtime.py is the real-time
check of picture against sound.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.audio.backends import Callback, OfflineBackend, Opened, open_backend
from pfrelax.audio.engine import AudioEngine
from pfrelax.audio.format import SAMPLE_RATE
from pfrelax.audio.speech import EspeakEngine, SpeechEngine
from pfrelax.core.clock import Clock, FakeClock, MonotonicClock
from pfrelax.core.settings import Settings
from pfrelax.core.transport import State, Transport
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.bridge import QtJobs
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.player.player_audio import RACING_REASON, STALLED_REASON, PlayerAudio
from pfrelax.ui.player.player_page import PlayerPage
from pfrelax.ui.player.sound_panel import REVEAL_UNAVAILABLE_TEXT, UNAVAILABLE_TEXT
from pfrelax.ui.settings.settings_dialog import SettingsDialog

from .conftest import calm_session, every_kind_session, with_sound

READY_MS = 10_000  # opening the output and preparing the sound, on a slow CI machine
FRAME_MS = 1000 / 60
NO_COUNT_IN = Settings(count_in_seconds=0)


def shown_player(qtbot: QtBot, settings: Settings, clock: Clock | None = None) -> PlayerPage:
    """A player following preferences that hold `settings` (saved under PFRELAX_HOME)."""
    preferences = Preferences(paths.settings_path(), settings)
    page = PlayerPage(Playback(clock or MonotonicClock()), preferences)
    page.set_palette(LIGHT)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def attached(
    page: PlayerPage, settings: Settings, open_output: Callable[[str], Opened] = open_backend
) -> PlayerAudio:
    """Sound as the app has it: jobs on a worker thread, results back on the GUI thread."""
    return with_sound(page, settings, open_output, jobs=QtJobs(page))


@pytest.fixture
def live(qtbot: QtBot, home: Path) -> Iterator[tuple[PlayerPage, PlayerAudio]]:
    """A player on the real monotonic clock, with sound on the null output."""
    page = shown_player(qtbot, NO_COUNT_IN)
    audio = attached(page, NO_COUNT_IN)
    yield page, audio
    audio.shutdown()
    page.shutdown()


@pytest.fixture
def offline(qtbot: QtBot, home: Path, clock: FakeClock) -> Iterator[tuple[PlayerPage, PlayerAudio]]:
    """A player on a fake clock, with sound on the offline output, ready at once."""
    page = shown_player(qtbot, NO_COUNT_IN, clock)
    audio = with_sound(page, NO_COUNT_IN)
    yield page, audio
    audio.shutdown()
    page.shutdown()


def transport_of(page: PlayerPage) -> Transport:
    assert page.transport is not None
    return page.transport


def connected(qtbot: QtBot, audio: PlayerAudio) -> AudioEngine:
    qtbot.waitUntil(lambda: audio.engine is not None, timeout=READY_MS)
    assert audio.engine is not None
    return audio.engine


def playing_past(qtbot: QtBot, page: PlayerPage, position_ms: int) -> None:
    qtbot.waitUntil(lambda: transport_of(page).position_ms() > position_ms, timeout=READY_MS)


def reveal_panel(qtbot: QtBot, page: PlayerPage) -> None:
    """Press the quiet "Sound" button in the running session's bottom bar."""
    qtbot.waitUntil(page.sound_panel.reveal_button.isVisible)
    qtbot.mouseClick(page.sound_panel.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.sound_panel.isVisible)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    while combo.currentText() != text:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


# --- the clock ------------------------------------------------------------------------------------
def test_a_loaded_session_gets_an_engine_whose_clock_the_transport_runs_on(
    live: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    page, audio = live
    page.load(calm_session())
    engine = connected(qtbot, audio)
    transport = transport_of(page)
    assert engine.backend.name == "null"
    assert transport.clock is engine.clock
    backend = engine.backend
    assert transport.lead_s == (backend.latency_frames + backend.block_frames) / backend.rate
    assert not page.sound_panel.is_unavailable()
    qtbot.mouseClick(page.pre_start.start_button, Qt.MouseButton.LeftButton)
    playing_past(qtbot, page, 200)
    assert page.state is State.PLAYING


def saved(page: PlayerPage) -> Settings:
    """What the settings file holds now."""
    return Preferences.read(page.preferences.path).settings


# --- the panel ------------------------------------------------------------------------------------
def test_a_volume_slider_sets_the_engines_gains_and_is_saved(
    offline: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    page, audio = offline
    page.load(calm_session())
    engine = connected(qtbot, audio)
    page.start()
    reveal_panel(qtbot, page)
    slider = page.sound_panel.cues_slider
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus)
    qtbot.keyClick(slider, Qt.Key.Key_Left)
    assert engine.gains.cues == 0.75  # at once, before the settings are saved
    assert saved(page).cues_volume == 80
    qtbot.waitUntil(lambda: saved(page).cues_volume == 75)  # once the slider rests
    assert page.preferences.settings.cues_volume == 75


def test_m_mutes_the_engine_and_unmutes_it(
    offline: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    page, audio = offline
    page.load(calm_session())
    engine = connected(qtbot, audio)
    page.start()
    assert not page.sound_panel.isVisible()  # M works with the panel folded away
    qtbot.keyClick(page.controls.play_button, Qt.Key.Key_M)
    assert engine.gains.muted
    assert saved(page).muted
    qtbot.keyClick(page.controls.play_button, Qt.Key.Key_M)
    assert not engine.gains.muted
    assert page.state is State.PLAYING  # M did not touch the transport


def test_choosing_another_cue_sound_is_saved_and_played(
    offline: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    page, audio = offline
    page.load(calm_session())
    engine = connected(qtbot, audio)
    first_sound = engine.sound
    page.start()
    reveal_panel(qtbot, page)
    choose(qtbot, page.sound_panel.sound_set_combo, "Bell")
    assert saved(page).sound_set == "bell"
    qtbot.waitUntil(lambda: engine.sound is not first_sound, timeout=READY_MS)
    assert audio.engine is engine  # the same engine, its sound cross-faded


def test_settings_from_the_dialog_reach_the_panel_and_the_engine(
    offline: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    page, audio = offline
    page.load(calm_session())
    engine = connected(qtbot, audio)
    first_sound = engine.sound
    heard: list[frozenset[str]] = []
    page.preferences.subscribe(heard.append)
    page.preferences.change(av_offset_ms=120, voice_enabled=False, cues_volume=30)  # the dialog
    assert engine.clock.offset_ms == 120
    assert engine.gains.cues == pytest.approx(0.3)
    assert page.sound_panel.volumes() == (100, 30, 40)
    qtbot.waitUntil(lambda: engine.sound is not first_sound, timeout=READY_MS)
    # They came from the preferences, which saved them: the sound changed nothing back.
    assert heard == [frozenset({"av_offset_ms", "voice_enabled", "cues_volume"})]


def test_a_panel_change_not_yet_saved_survives_settings_from_the_dialog(
    offline: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    page, _audio = offline
    heard: list[frozenset[str]] = []
    page.preferences.subscribe(heard.append)
    page.sound_panel.set_volumes(100, 20, 40)  # the save waits for the slider to rest
    assert heard == []
    page.preferences.change(av_offset_ms=50)  # the dialog, which left the volumes alone
    assert page.sound_panel.volumes() == (100, 20, 40)
    qtbot.waitUntil(lambda: saved(page).cues_volume == 20)  # the slider rested
    assert (saved(page).cues_volume, saved(page).av_offset_ms) == (20, 50)
    assert heard == [frozenset({"av_offset_ms"}), frozenset({"cues_volume"})]


# --- no sound -------------------------------------------------------------------------------------
def test_without_an_output_the_panel_says_so_and_the_session_plays_silently(
    qtbot: QtBot, home: Path, clock: FakeClock
) -> None:
    page = shown_player(qtbot, NO_COUNT_IN, clock)
    audio = with_sound(
        page, NO_COUNT_IN, lambda _preference: Opened(None, "no sound device could be opened")
    )
    try:
        page.load(calm_session())
        qtbot.waitUntil(page.sound_panel.is_unavailable, timeout=READY_MS)
        assert audio.engine is None
        assert transport_of(page).clock is clock  # playback's own
        page.start()
        assert page.sound_panel.reveal_button.text() == REVEAL_UNAVAILABLE_TEXT
        reveal_panel(qtbot, page)
        label = page.sound_panel.unavailable_label
        assert label.isVisible()
        assert label.text() == UNAVAILABLE_TEXT
        assert label.toolTip() == "no sound device could be opened"
        clock.advance(0.2)
        playing_past(qtbot, page, 100)
    finally:
        audio.shutdown()
        page.shutdown()


def test_an_output_that_the_player_cannot_use_is_explained(
    qtbot: QtBot, home: Path, clock: FakeClock
) -> None:
    page = shown_player(qtbot, NO_COUNT_IN, clock)
    audio = with_sound(page, NO_COUNT_IN, environ={"PFRELAX_AUDIO": "offline"})
    try:
        page.load(calm_session())
        assert page.sound_panel.is_unavailable()
        assert page.sound_panel.unavailable_label.toolTip() == (
            "PFRELAX_AUDIO=offline is not a sound output the player can use; "
            "choose one of auto, miniaudio, simpleaudio, null"
        )
    finally:
        audio.shutdown()
        page.shutdown()


class HeldBackend:
    """A real-time output that pulls only when the test says: a device that dies or races."""

    name = "held"
    device_name = "a device the test drives"
    rate = SAMPLE_RATE
    block_frames = 480  # 10 ms
    latency_frames = 1440
    realtime = True

    def __init__(self) -> None:
        self.callback: Callback | None = None

    def start(self, callback: Callback, rate: int, block: int) -> None:
        self.callback = callback

    def stop(self) -> None:
        self.callback = None

    def pull_blocks(self, count: int) -> None:
        assert self.callback is not None
        for _ in range(count):
            self.callback(self.block_frames)


def test_an_output_that_stops_pulling_hands_the_clock_back_and_says_so(
    qtbot: QtBot, home: Path, clock: FakeClock
) -> None:
    page = shown_player(qtbot, NO_COUNT_IN, clock)
    audio = with_sound(page, NO_COUNT_IN, lambda _preference: Opened(HeldBackend()))
    try:
        page.load(calm_session())
        connected(qtbot, audio)
        page.start()
        clock.advance(1.0)  # and the output never asked for a block
        qtbot.waitUntil(page.sound_panel.is_unavailable, timeout=READY_MS)
        assert page.sound_panel.unavailable_label.toolTip() == STALLED_REASON
        assert audio.engine is None
        assert transport_of(page).clock is clock  # playback's own
        clock.advance(0.2)
        playing_past(qtbot, page, 100)
    finally:
        audio.shutdown()
        page.shutdown()


def test_an_output_that_races_hands_the_clock_back_and_says_so(
    qtbot: QtBot, home: Path, clock: FakeClock
) -> None:
    backend = HeldBackend()
    page = shown_player(qtbot, NO_COUNT_IN, clock)
    audio = with_sound(page, NO_COUNT_IN, lambda _preference: Opened(backend))
    try:
        page.load(calm_session())
        connected(qtbot, audio)
        started = clock.now()
        page.start()
        backend.pull_blocks(200)  # 2 s of sound taken in 0.5 s
        clock.advance(0.5)
        qtbot.waitUntil(page.sound_panel.is_unavailable, timeout=READY_MS)
        assert page.sound_panel.unavailable_label.toolTip() == RACING_REASON
        assert audio.engine is None
        transport = transport_of(page)
        assert transport.clock is clock  # playback's own
        assert transport.state is State.PLAYING  # caught long before the 30 s session "ended"
        assert transport.played_ms() <= (clock.now() - started) * 1000 + 1
        played = transport.position_ms()
        clock.advance(0.2)
        playing_past(qtbot, page, played + 100)  # on at real speed, from where it was
    finally:
        audio.shutdown()
        page.shutdown()


# --- picture and sound together -------------------------------------------------------------------
def test_the_painted_phase_agrees_with_the_sound_within_one_frame(
    offline: tuple[PlayerPage, PlayerAudio], qtbot: QtBot
) -> None:
    """Frame by frame on the offline output: what the picture shows against what the engine
    rendered (tests/e2e/test_audio_realtime.py checks the same on a real-time output)."""
    page, audio = offline
    page.load(every_kind_session())
    engine = connected(qtbot, audio)
    backend = engine.backend
    assert isinstance(backend, OfflineBackend)
    page.start()
    frame = SAMPLE_RATE // 60
    checked = 0
    for _ in range(90):  # 1.5 s of frames
        backend.pull(frame)
        page.frame_driver.tick()
        moment = page.stage.view.on_screen_moment
        history = engine.history()
        heard_ms = (int(history.session_frames[-1]) + frame) * 1000 / engine.rate  # latency 0
        if moment is None or moment.time_ms <= 0 or heard_ms <= 0:
            continue  # before the first sound: the picture waits at 0
        assert abs(moment.time_ms - heard_ms) <= FRAME_MS, (moment.time_ms, heard_ms)
        checked += 1
    assert checked >= 60


# --- the settings dialog's sound section ----------------------------------------------------------
def shown_dialog(qtbot: QtBot, settings: Settings, speech: SpeechEngine | None) -> SettingsDialog:
    dialog = SettingsDialog(settings, find_speech=lambda: speech)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_settings_dialog_names_the_voice_it_found(qtbot: QtBot) -> None:
    dialog = shown_dialog(qtbot, Settings(), EspeakEngine(program="/usr/bin/espeak-ng"))
    assert dialog.voices.text() == (
        "Narration is spoken by espeak-ng, on this computer (nothing goes online)."
    )


def test_the_settings_dialog_says_how_to_get_a_voice_when_there_is_none(qtbot: QtBot) -> None:
    dialog = shown_dialog(qtbot, Settings(), None)
    assert dialog.voices.text() == (
        "Built-in narration is read by the natural voice that comes with the app. No system "
        "voice was found for other text, which shows as captions. Install espeak-ng "
        "(Debian/Ubuntu: sudo apt install espeak-ng; macOS: brew install espeak-ng; "
        "Windows: voices come with the system)."
    )


def test_the_settings_dialog_edits_sound_timing_voice_and_output(qtbot: QtBot) -> None:
    dialog = shown_dialog(qtbot, Settings(av_offset_ms=20), None)
    assert dialog.av_offset.value() == 20
    dialog.av_offset.setFocus()
    qtbot.waitUntil(dialog.av_offset.hasFocus)
    dialog.av_offset.selectAll()
    qtbot.keyClicks(dialog.av_offset, "-40")
    qtbot.mouseClick(dialog.voice_enabled, Qt.MouseButton.LeftButton)
    dialog.audio_output.setFocus()
    qtbot.waitUntil(dialog.audio_output.hasFocus)
    while dialog.audio_output.currentText() != "No sound (captions only)":
        qtbot.keyClick(dialog.audio_output, Qt.Key.Key_Down)
    chosen = dialog.chosen()
    assert (chosen.av_offset_ms, chosen.voice_enabled, chosen.audio_output) == (-40, False, "null")
