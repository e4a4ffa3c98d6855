"""The sound panel: volumes, mute (M), cue sounds, ambient bed, and which voice speaks.

Bound to the player's sound (`follow`), it hands each choice to the sound service and shows
what the service says. When no output works it shows why the session is silent. It lays out in
two short rows, and `reveal_button` (placed by the player in its bottom bar) shows or hides it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.settings import Settings
from pfrelax.services.sound import UNAVAILABLE_NOTICE, Gains
from pfrelax.services.voices import CAPTIONS, NATURAL, SYSTEM
from pfrelax.ui.common.a11y import name
from pfrelax.ui.player.player_audio import PlayerAudio
from pfrelax.ui.player.player_controls import claims_slider_key

UNAVAILABLE_TEXT = UNAVAILABLE_NOTICE
REVEAL_TEXT = "Sound"
REVEAL_UNAVAILABLE_TEXT = "Sound unavailable"
SOUND_SETS = (("soft", "Soft tones"), ("bell", "Bell"), ("none", "None"))
AMBIENTS = (("none", "None"), ("soft-noise", "Soft noise"), ("low-drone", "Low drone"))
VOICE_SOURCE_HELP = {
    NATURAL: "Narration and spoken cues are recordings that come with the app or the pack",
    SYSTEM: "Narration is read by this computer's own speech voice",
    CAPTIONS: "Nothing is spoken; the words show as captions",
}


class VolumeSlider(QSlider):
    """A slider that keeps its arrow keys while focused: the player's window-wide Left and
    Right (previous and next step) must not skip a step when someone turns a volume down."""

    def event(self, event: QEvent) -> bool:
        return claims_slider_key(event) or super().event(event)


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
        self.voice_label = QLabel(self)
        self.voice_label.setObjectName("voiceSource")
        self.voice_label.setVisible(False)  # until the player knows which voice it plays
        self.reveal_button = self._reveal_button()
        self._lay_out()
        self.set_volumes(100, 80, 40)

    def _slider(self, label: str, description: str) -> QSlider:
        slider = VolumeSlider(Qt.Orientation.Horizontal, self)
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

    def _reveal_button(self) -> QToolButton:
        # No parent: the player puts it in its bottom bar, where it stays when the panel hides.
        button = QToolButton()
        button.setText(REVEAL_TEXT)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        name(button, "Sound settings", "Show or hide the volumes and sounds")
        button.setToolTip("Volumes and sounds (M mutes)")
        button.toggled.connect(self.setVisible)
        return button

    def _lay_out(self) -> None:
        """Two short rows (volumes; sounds and mute), so the breathing picture keeps its room."""
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        cells = (
            ("&Voice", self.voice_slider, 0, 0),
            ("&Cues", self.cues_slider, 0, 2),
            ("&Ambient", self.ambient_slider, 0, 4),
            ("Cue &sounds", self.sound_set_combo, 1, 0),
            ("Ambient s&ound", self.ambient_combo, 1, 2),
        )
        for text, field, row, column in cells:
            label = QLabel(text, self)
            label.setBuddy(field)
            grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(field, row, column + 1)
            grid.setColumnStretch(column + 1, 1)
        grid.addWidget(self.voice_label, 1, 4, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.mute_button, 1, 5, Qt.AlignmentFlag.AlignRight)
        column_layout = QVBoxLayout(self)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.unavailable_label)
        column_layout.addLayout(grid)

    def controls(self) -> list[QWidget]:
        """The panel's controls in reading order (for the player's tab order)."""
        return [
            self.voice_slider,
            self.cues_slider,
            self.ambient_slider,
            self.sound_set_combo,
            self.ambient_combo,
            self.mute_button,
        ]

    # --- the sound service ---------------------------------------------------------------------
    def follow(self, audio: PlayerAudio) -> None:
        """Hand each choice to `audio`'s sound service and show what it plays and says."""
        sound = audio.sound
        self.volumes_changed.connect(
            lambda voice, cues, ambient: sound.choose(
                voice_volume=voice, cues_volume=cues, ambient_volume=ambient
            )
        )
        self.mute_toggled.connect(lambda muted: sound.choose(muted=muted))
        self.sound_set_changed.connect(lambda key: sound.choose(sound_set=key))
        self.ambient_changed.connect(lambda key: sound.choose(ambient=key))
        audio.settings_shown.connect(self.show_settings)
        audio.notice_changed.connect(lambda: self._show_notice(audio))
        self.show_settings(sound.settings)
        self._show_notice(audio)

    def show_settings(self, settings: Settings) -> None:
        """Show the panel's part of `settings` (what the panel emits then changes nothing)."""
        self.set_volumes(settings.voice_volume, settings.cues_volume, settings.ambient_volume)
        self.set_muted(settings.muted)
        self.set_sound_set(settings.sound_set)
        self.set_ambient(settings.ambient)

    def _show_notice(self, audio: PlayerAudio) -> None:
        self.set_unavailable(audio.sound.unavailable)
        if audio.sound.voice_source is not None:
            self.set_voice_source(audio.sound.voice_source)

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

    def set_voice_source(self, source: str | None) -> None:
        """Say which voice speaks: "Natural voice", "System voice" or "Captions only"."""
        self.voice_label.setText(source or "")
        self.voice_label.setVisible(source is not None)
        name(self.voice_label, source or "", VOICE_SOURCE_HELP.get(source or "", ""))

    def voice_source(self) -> str | None:
        return self.voice_label.text() if self.voice_label.isVisibleTo(self) else None

    def set_unavailable(self, reason: str | None) -> None:
        """Show the "sound unavailable" notice (with `reason` as its tooltip), or hide it.

        The reveal button says it too, so the notice is seen with the panel folded away.
        """
        self.unavailable_label.setVisible(reason is not None)
        self.unavailable_label.setToolTip(reason or "")
        self.reveal_button.setText(REVEAL_TEXT if reason is None else REVEAL_UNAVAILABLE_TEXT)
        self.reveal_button.setToolTip(
            "Volumes and sounds (M mutes)" if reason is None else f"{UNAVAILABLE_TEXT} ({reason})"
        )

    def is_unavailable(self) -> bool:
        return not self.unavailable_label.isHidden()

    def _emit_volumes(self) -> None:
        self.volumes_changed.emit(*self.volumes())
