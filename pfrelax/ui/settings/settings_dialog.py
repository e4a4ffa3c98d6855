"""The settings dialog: theme, animation, reduced motion, count-in, seconds count, and sound.

It edits a copy; the caller saves and applies `chosen()` when the dialog is accepted. Later
settings (check-ins) add rows with `add_row`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.settings import (
    ANIMATION_STYLES,
    AUDIO_OUTPUTS,
    AV_OFFSET_LIMIT_MS,
    THEMES,
    Settings,
    to_mapping,
)
from pfrelax.services.voices import (
    SpeechEngine,
    find_speech_engine,
    voice_sources,
    voices_text,
)
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.app_name import app_name
from pfrelax.ui.common.scrolling import FittingScrollArea
from pfrelax.ui.privacy.privacy_dialog import PrivacyFields
from pfrelax.ui.settings.heart_settings import HeartFields
from pfrelax.ui.settings.reminder_settings import ReminderFields

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
STYLE_LABELS = {"orb": "Orb", "wave": "Wave", "path": "Path"}
OUTPUT_LABELS = {
    "auto": "Automatic",
    "miniaudio": "Sound device",
    "simpleaudio": "Sound device (simpleaudio, older)",
    "null": "No sound (captions only)",
}
AV_OFFSET_STEP_MS = 5
VOICE_SOURCE_LABELS = {"natural": "Natural voice (comes with the app)", "system": "System voice"}


class SettingsDialog(QDialog):
    privacy_requested = Signal()  # "Passphrase…": the app opens the passphrase dialog

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        find_speech: Callable[[], SpeechEngine | None] = find_speech_engine,
        tray_available: bool = False,
        autostart: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Settings — {app_name()}")
        self._settings = settings
        self.theme = _combo(THEMES, THEME_LABELS, settings.theme)
        name(self.theme, "Theme", "Light, dark, or follow the system")
        self.animation = _combo(ANIMATION_STYLES, STYLE_LABELS, settings.animation_style)
        name(self.animation, "Animation", "How the breathing pace is drawn")
        self.reduced_motion = QCheckBox("Reduce motion")
        self.reduced_motion.setChecked(settings.reduced_motion)
        name(
            self.reduced_motion,
            "Reduce motion",
            "Show the breath as a gentle change of brightness instead of movement",
        )
        self.count_in = QSpinBox()
        self.count_in.setRange(0, 10)
        self.count_in.setSuffix(" s")
        self.count_in.setValue(settings.count_in_seconds)
        name(self.count_in, "Count-in", "Seconds to get ready before a session starts (0 for none)")
        self.show_seconds = QCheckBox("Show the seconds left in each breath")
        self.show_seconds.setChecked(settings.show_seconds)
        name(self.show_seconds, "Seconds count", "Show a small count of the seconds in each phase")
        self._build_sound_fields(settings, find_speech())
        self.checkin_pain = QCheckBox("Also ask about pain")
        self.checkin_pain.setChecked(settings.checkin_pain)
        name(self.checkin_pain, "Ask about pain", "Add a 0–10 pain rating to each check-in")
        self.checkin_body_tension = QCheckBox("Also ask about body tension")
        self.checkin_body_tension.setChecked(settings.checkin_body_tension)
        name(
            self.checkin_body_tension,
            "Ask about body tension",
            "Add a 0–10 rating of how tense your body feels to each check-in",
        )
        self.reminders = ReminderFields(
            settings, tray_available=tray_available, autostart=autostart
        )
        self.heart = HeartFields(settings)
        self.privacy = PrivacyFields(settings)
        self.privacy.passphrase_button.clicked.connect(self.privacy_requested)
        self._build_form()
        self.buttons = self._build_buttons()
        self.reminders.validity_changed.connect(self._on_validity_changed)
        self.heart.validity_changed.connect(self._on_validity_changed)
        self._on_validity_changed()  # a pipe already named in the settings is refused at once
        # Wrapped notes get a set width, so the dialog is tall enough for every line of them
        # (a form cannot ask a wrapping label for its height until it knows the width).
        notes = (self.voices, self.reminders.problem, self.heart.note, self.heart.scan_status)
        for note in (*notes, self.heart.file_problem, self.privacy.in_session_hint):
            note.setFixedWidth(self.fontMetrics().height() * 26)
        # The form scrolls when the screen is too short for it (1280×800 with reminders on).
        content = QWidget()
        content.setLayout(self.form)
        self.scroll_area = FittingScrollArea(content)
        column = QVBoxLayout(self)
        column.addWidget(self.scroll_area, 1)
        column.addWidget(self.buttons)

    def _build_form(self) -> None:
        self.form = QFormLayout()
        self.form.addRow("Theme", self.theme)
        self.form.addRow("Animation", self.animation)
        self.form.addRow("", self.reduced_motion)
        self.form.addRow("Count-in", self.count_in)
        self.form.addRow("", self.show_seconds)
        self.form.addRow(self.sound_heading)
        self.form.addRow("", self.voice_enabled)
        if self.voice_choice:  # a choice only when there is more than one voice
            self.form.addRow("Voice", self.voice_source)
        self.form.addRow("", self.voices)
        self.form.addRow("Sound timing", self.av_offset)
        self.form.addRow("Sound output", self.audio_output)
        checkin_heading = QLabel("Check-ins")
        checkin_heading.setFont(self.sound_heading.font())
        self.form.addRow(checkin_heading)
        self.form.addRow("", self.checkin_pain)
        self.form.addRow("", self.checkin_body_tension)
        reminders_heading = QLabel("Reminders")
        reminders_heading.setFont(self.sound_heading.font())
        self.form.addRow(reminders_heading)
        self.reminders.add_rows(self.form)
        heart_heading = QLabel("Heart rate")
        heart_heading.setFont(self.sound_heading.font())
        self.heart.add_rows(self.form, heart_heading)
        self.privacy.add_to(self.form, checkin_heading)

    def _build_sound_fields(self, settings: Settings, speech: SpeechEngine | None) -> None:
        self.sound_heading = QLabel("Sound")
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        self.sound_heading.setFont(heading_font)
        self.voice_enabled = QCheckBox("Speak the narration and breathing prompts")
        self.voice_enabled.setChecked(settings.voice_enabled)
        name(self.voice_enabled, "Spoken guidance", "Off: narration shows as captions only")
        self.voices = QLabel(voices_text(speech))
        self.voices.setWordWrap(True)
        available = voice_sources(speech)
        current = settings.voice_source if settings.voice_source in available else available[0]
        self.voice_source = _combo(available, VOICE_SOURCE_LABELS, current)
        name(
            self.voice_source,
            "Voice",
            "Which voice reads narration and breathing prompts: the natural voice that comes "
            "with the app, or this computer's own speech voice",
        )
        self.voice_choice = len(available) > 1
        self.av_offset = QSpinBox()
        self.av_offset.setRange(-AV_OFFSET_LIMIT_MS, AV_OFFSET_LIMIT_MS)
        self.av_offset.setSingleStep(AV_OFFSET_STEP_MS)
        self.av_offset.setSuffix(" ms")
        self.av_offset.setValue(settings.av_offset_ms)
        name(
            self.av_offset,
            "Sound timing",
            "If the cue sounds come after the picture changes (wireless headphones), lower this "
            "until they line up; 0 suits most speakers",
        )
        self.audio_output = _combo(AUDIO_OUTPUTS, OUTPUT_LABELS, settings.audio_output)
        name(self.audio_output, "Sound output", "Where the sound plays; used from the next session")

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        name(ok, "OK", "Save these settings and close")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        name(cancel, "Cancel", "Close without changing the settings")
        return buttons

    def _on_validity_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(self.reminders.valid and self.heart.valid)

    @property
    def autostart_wanted(self) -> bool:
        return self.reminders.autostart.isChecked()

    def add_row(self, label: str, widget: QWidget) -> None:
        """For later settings sections (sound, check-ins)."""
        self.form.addRow(label, widget)

    def _chosen_voice_source(self) -> str:
        if not self.voice_choice:  # nothing to choose: what was set stays
            return self._settings.voice_source
        return str(self.voice_source.currentData())

    def changes(self) -> dict[str, object]:
        """What the person changed here, by field: written over the current preferences, so a
        change made elsewhere meanwhile (a volume on the sound panel) is kept."""
        opened, chosen = to_mapping(self._settings), to_mapping(self.chosen())
        return {key: value for key, value in chosen.items() if value != opened[key]}

    def chosen(self) -> Settings:
        return self.heart.chosen(self.reminders.chosen(self._chosen_main()))

    def _chosen_main(self) -> Settings:
        return self._settings.replace(
            theme=self.theme.currentData(),
            animation_style=self.animation.currentData(),
            reduced_motion=self.reduced_motion.isChecked(),
            count_in_seconds=self.count_in.value(),
            show_seconds=self.show_seconds.isChecked(),
            voice_enabled=self.voice_enabled.isChecked(),
            voice_source=(
                self.voice_source.currentData()
                if self.voice_choice
                else self._settings.voice_source
            ),
            av_offset_ms=self.av_offset.value(),
            audio_output=self.audio_output.currentData(),
            checkin_pain=self.checkin_pain.isChecked(),
            checkin_body_tension=self.checkin_body_tension.isChecked(),
            **self.privacy.changes(),
        )


def _combo(values: tuple[str, ...], labels: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(labels.get(value, value.capitalize()), value)
    combo.setCurrentIndex(max(0, values.index(current) if current in values else 0))
    return combo
