"""The sound panel: voice, cue and ambient volumes, mute (M), cue sound set and ambient bed.

It only shows and emits choices; the player applies them to the audio engine (`gains()` gives
the engine's Gains). When no output works it shows why the session is silent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.audio.backends import UNAVAILABLE_NOTICE
from pfrelax.audio.mixer import Gains
from pfrelax.ui.a11y import name

UNAVAILABLE_TEXT = UNAVAILABLE_NOTICE
SOUND_SETS = (("soft", "Soft tones"), ("bell", "Bell"), ("none", "None"))
AMBIENTS = (("none", "None"), ("soft-noise", "Soft noise"), ("low-drone", "Low drone"))


class SoundPanel(QWidget):
    volumes_changed = Signal(int, int, int)  # voice, cues, ambient; each 0–100
    mute_toggled = Signal(bool)
    sound_set_changed = Signal(str)  # "soft" | "bell" | "none"
    ambient_changed = Signal(str)  # "none" | "soft-noise" | "low-drone"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("soundPanel")
        self.voice_slider = self._slider("Voice volume", "How loud narration and spoken cues are")
        self.cues_slider = self._slider("Cue volume", "How loud the breathing cue sounds are")
        self.ambient_slider = self._slider("Ambient volume", "How loud the background sound is")
        self.mute_action = QAction("Mute sound", self)
        self.mute_action.setCheckable(True)
        self.mute_action.setShortcut(QKeySequence(Qt.Key.Key_M))
        self.mute_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.mute_action.setToolTip("Mute or unmute all sound (M)")
        self.mute_action.toggled.connect(self.mute_toggled)
        self.addAction(self.mute_action)
        self.mute_button = QToolButton(self)
        self.mute_button.setDefaultAction(self.mute_action)
        self.mute_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        name(self.mute_button, "Mute sound", "Silences all sound; the shortcut is M")
        self.sound_set_combo = self._combo(
            SOUND_SETS, "Cue sounds", "The sound that marks each breath"
        )
        self.ambient_combo = self._combo(
            AMBIENTS, "Ambient sound", "A quiet background sound under the session"
        )
        self.sound_set_combo.currentIndexChanged.connect(
            lambda _index: self.sound_set_changed.emit(self.sound_set())
        )
        self.ambient_combo.currentIndexChanged.connect(
            lambda _index: self.ambient_changed.emit(self.ambient())
        )
        self.unavailable_label = QLabel(UNAVAILABLE_TEXT, self)
        self.unavailable_label.setWordWrap(True)
        self.unavailable_label.setVisible(False)
        name(self.unavailable_label, UNAVAILABLE_TEXT, "No sound output could be opened")
        self._lay_out()
        self.set_volumes(100, 80, 40)

    def _slider(self, label: str, description: str) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal, self)
        slider.setRange(0, 100)
        slider.setSingleStep(5)
        slider.setPageStep(10)
        name(slider, label, description)
        slider.valueChanged.connect(self._emit_volumes)
        return slider

    def _combo(self, items: tuple[tuple[str, str], ...], label: str, description: str) -> QComboBox:
        combo = QComboBox(self)
        for key, text in items:
            combo.addItem(text, key)
        name(combo, label, description)
        return combo

    def _lay_out(self) -> None:
        form = QFormLayout()
        for text, field in (
            ("&Voice", self.voice_slider),
            ("&Cues", self.cues_slider),
            ("&Ambient", self.ambient_slider),
            ("Cue &sounds", self.sound_set_combo),
            ("Ambient s&ound", self.ambient_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.mute_button)
        column = QVBoxLayout(self)
        column.addWidget(self.unavailable_label)
        column.addLayout(form)

    # --- reading and setting -------------------------------------------------------------------
    def volumes(self) -> tuple[int, int, int]:
        return (self.voice_slider.value(), self.cues_slider.value(), self.ambient_slider.value())

    def set_volumes(self, voice: int, cues: int, ambient: int) -> None:
        """Set all three without emitting three signals; emits `volumes_changed` once if changed."""
        before = self.volumes()
        for slider, value in (
            (self.voice_slider, voice),
            (self.cues_slider, cues),
            (self.ambient_slider, ambient),
        ):
            slider.blockSignals(True)
            slider.setValue(value)
            slider.blockSignals(False)
        if self.volumes() != before:
            self._emit_volumes()

    def is_muted(self) -> bool:
        return self.mute_action.isChecked()

    def set_muted(self, muted: bool) -> None:
        self.mute_action.setChecked(muted)

    def sound_set(self) -> str:
        return str(self.sound_set_combo.currentData())

    def set_sound_set(self, key: str) -> None:
        self.sound_set_combo.setCurrentIndex(max(0, self.sound_set_combo.findData(key)))

    def ambient(self) -> str:
        return str(self.ambient_combo.currentData())

    def set_ambient(self, key: str | None) -> None:
        self.ambient_combo.setCurrentIndex(max(0, self.ambient_combo.findData(key or "none")))

    def gains(self) -> Gains:
        """The panel's state as the audio engine's gains."""
        voice, cues, ambient = self.volumes()
        return Gains(voice / 100, cues / 100, ambient / 100, muted=self.is_muted())

    def set_unavailable(self, reason: str | None) -> None:
        """Show the "sound unavailable" notice (with `reason` as its tooltip), or hide it."""
        self.unavailable_label.setVisible(reason is not None)
        self.unavailable_label.setToolTip(reason or "")

    def _emit_volumes(self) -> None:
        self.volumes_changed.emit(*self.volumes())
