"""The sound panel: volumes, mute with M, cue sounds, ambient, and the "unavailable" notice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from pfrelax.audio.mixer import Gains
from pfrelax.ui.player.sound_panel import UNAVAILABLE_TEXT, SoundPanel


def shown_panel(qtbot: QtBot) -> SoundPanel:
    panel = SoundPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    return panel


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry with the keyboard, as a person tabbing through the panel would."""
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    while combo.currentText() != text:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_a_volume_slider_moved_with_the_keyboard_reports_all_three_volumes(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    panel.cues_slider.setFocus()
    qtbot.waitUntil(panel.cues_slider.hasFocus)
    with qtbot.waitSignal(panel.volumes_changed) as blocker:
        qtbot.keyClick(panel.cues_slider, Qt.Key.Key_Left)
    assert blocker.args == [100, 75, 40]
    assert panel.gains() == Gains(voice=1.0, cues=0.75, ambient=0.4, muted=False)


def test_pressing_m_mutes_and_pressing_it_again_unmutes(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    with qtbot.waitSignal(panel.mute_toggled) as blocker:
        qtbot.keyClick(panel, Qt.Key.Key_M)
    assert blocker.args == [True]
    assert panel.gains().muted
    with qtbot.waitSignal(panel.mute_toggled) as blocker:
        qtbot.keyClick(panel, Qt.Key.Key_M)
    assert blocker.args == [False]
    assert not panel.is_muted()


def test_the_mute_button_toggles_like_the_shortcut(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    with qtbot.waitSignal(panel.mute_toggled) as blocker:
        qtbot.mouseClick(panel.mute_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    assert panel.mute_button.isChecked()


def test_choosing_a_cue_sound_set_emits_its_key(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    assert panel.sound_set() == "soft"
    with qtbot.waitSignal(panel.sound_set_changed) as blocker:
        choose(qtbot, panel.sound_set_combo, "Bell")
    assert blocker.args == ["bell"]


def test_choosing_an_ambient_sound_emits_its_key(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    assert panel.ambient() == "none"
    with qtbot.waitSignal(panel.ambient_changed) as blocker:
        choose(qtbot, panel.ambient_combo, "Soft noise")
    assert blocker.args == ["soft-noise"]


def test_setting_all_volumes_at_once_emits_one_change(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    seen: list[tuple[int, int, int]] = []
    panel.volumes_changed.connect(lambda *values: seen.append(values))
    panel.set_volumes(50, 20, 10)
    panel.set_volumes(50, 20, 10)
    assert seen == [(50, 20, 10)]


def test_the_unavailable_notice_shows_with_its_reason_and_hides_again(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    assert not panel.unavailable_label.isVisible()
    panel.set_unavailable("no sound device could be opened")
    assert panel.unavailable_label.isVisible()
    assert panel.unavailable_label.text() == UNAVAILABLE_TEXT
    assert panel.unavailable_label.toolTip() == "no sound device could be opened"
    panel.set_unavailable(None)
    assert not panel.unavailable_label.isVisible()


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    names = [
        widget.accessibleName()
        for widget in (
            panel.voice_slider,
            panel.cues_slider,
            panel.ambient_slider,
            panel.mute_button,
            panel.sound_set_combo,
            panel.ambient_combo,
        )
    ]
    assert names == [
        "Voice volume",
        "Cue volume",
        "Ambient volume",
        "Mute sound",
        "Cue sounds",
        "Ambient sound",
    ]
