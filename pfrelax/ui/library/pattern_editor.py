"""The pattern editor: a person makes (or changes) a breathing session of their own.

Every value has a 0.1 s stepper and a slider; the breaths a minute and a small pacer follow as
they change; a value outside the default bounds shows its reason beside it and Save waits until
none is left (the reasons come from `core.my_pattern`, the same rules as the validator).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.my_pattern import (
    HOLDS_SAFETY,
    PELVIC_FLOOR_PROMPTS,
    PLAIN_PROMPTS,
    STARTING_PATTERN,
    Length,
    PatternDraft,
    reasons,
)
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import Cues, Prompts
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.labels import text_label as _centred_label
from pfrelax.ui.common.screen_fit import available_geometry
from pfrelax.ui.common.scrolling import FittingScrollArea
from pfrelax.ui.library.pacer_preview import PacerPreview

_PHASES = (
    ("inhale", "In-breath"),
    ("top_up", "Top-up sip"),
    ("hold_in", "Hold after breathing in"),
    ("exhale", "Out-breath"),
    ("hold_out", "Hold after breathing out"),
)
_HOLDS = ("hold_in", "hold_out")
SCREEN_RESERVE = 7  # lines of text the buttons, margins and title bar take beside the rows
_WORDS = (
    ("Breathe in · Breathe out", PLAIN_PROMPTS),
    ("Soften and widen · Let it float back", PELVIC_FLOOR_PROMPTS),
    ("No words, just the picture", Prompts()),
)
_CUES = (("Soft tones", Cues.TONES), ("A voice", Cues.VOICE), ("Silent", Cues.NONE))


class SecondsField(QWidget):
    """Seconds on the 0.1 s grid: a stepper and a slider that move together, and a reason."""

    changed = Signal()

    def __init__(self, label: str, maximum_s: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(1)
        self.spin.setSingleStep(0.1)
        self.spin.setRange(0.0, maximum_s)
        self.spin.setSuffix(" s")
        self.spin.setKeyboardTracking(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, round(maximum_s * 10))
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the stepper is the keyboard's way
        self.reason = text_label(quiet=True)
        self.reason.setProperty("reason", True)
        self.reason.hide()
        name(self.spin, label, f"{label} in seconds, in steps of a tenth")
        name(self.slider, label, f"{label} in seconds")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.spin)
        row.addWidget(self.slider, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.reason)
        self.spin.valueChanged.connect(self._on_spin_value_changed)
        self.slider.valueChanged.connect(self._on_slider_value_changed)

    @property
    def ms(self) -> int:
        return round(self.spin.value() * 10) * 100

    def set_ms(self, ms: int) -> None:
        self.spin.setValue(ms / 1000)

    def show_reason(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.setVisible(bool(text))

    def _on_spin_value_changed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * 10))
        self.slider.blockSignals(False)
        self.changed.emit()

    def _on_slider_value_changed(self, tenths: int) -> None:
        self.spin.setValue(tenths / 10)


class PatternEditor(QDialog):
    """Edits a PatternDraft; `draft()` is what Save accepted."""

    def __init__(self, draft: PatternDraft, *, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New session" if new else "Change your session")
        self.title = QLineEdit(draft.title)
        name(self.title, "Name", "What your session is called in the library")
        self.fields = {key: SecondsField(label, 30.0) for key, label in _PHASES}
        self.holds = QCheckBox("Include breath holds")
        name(self.holds, "Include breath holds", "Holds stay off unless you turn them on")
        self.holds_note = text_label()
        self.holds_note.setProperty("note", True)
        self.holds_note.setText(HOLDS_SAFETY)
        self.rate = text_label()
        self.rate_reason = text_label(quiet=True)
        self.preview = PacerPreview()
        self.length_kind = QComboBox()
        self.length_kind.addItem("minutes", Length.MINUTES)
        self.length_kind.addItem("breaths", Length.BREATHS)
        name(self.length_kind, "Length in", "Count the length in minutes or in breaths")
        self.minutes = QDoubleSpinBox()
        self.minutes.setDecimals(1)
        self.minutes.setRange(0.5, 120)
        self.breaths = QSpinBox()
        self.breaths.setRange(0, 1000)
        name(self.minutes, "Minutes", "How many minutes the session lasts")
        name(self.breaths, "Breaths", "How many breaths the session lasts")
        self.length_reason = text_label(quiet=True)
        self.cues = _combo("Sound", "How each breath is announced", _CUES)
        self.words = _combo("Words", "The words shown with each breath", _WORDS)
        self.ramp = QCheckBox("Slowly lengthen the breath")
        name(self.ramp, "Slowly lengthen the breath", "Glide to a slower pattern as you go")
        self.ramp_fields = {
            "inhale": SecondsField("Glide to in-breath", 30.0),
            "exhale": SecondsField("Glide to out-breath", 30.0),
        }
        self.ramp_minutes = QDoubleSpinBox()
        self.ramp_minutes.setDecimals(1)
        self.ramp_minutes.setRange(0.0, 60.0)
        name(self.ramp_minutes, "Glide over minutes", "How many minutes the glide takes")
        self.title_reason = text_label(quiet=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._load(draft)
        self._connect()
        self._update()

    # --- public -----------------------------------------------------------------------------
    def draft(self) -> PatternDraft:
        pattern = Pattern(**{f"{key}_ms": field.ms for key, field in self.fields.items()})
        ramp_to = None
        if self.ramp.isChecked():
            ramp_to = replace(
                pattern,
                inhale_ms=self.ramp_fields["inhale"].ms,
                exhale_ms=self.ramp_fields["exhale"].ms,
            )
        return PatternDraft(
            title=self.title.text(),
            pattern=pattern,
            holds_on=self.holds.isChecked(),
            length=Length(self.length_kind.currentData()),
            minutes=self.minutes.value(),
            breaths=self.breaths.value(),
            cues=Cues(self.cues.currentData()),
            prompts=self.words.currentData(),
            ramp_to=ramp_to,
            ramp_minutes=self.ramp_minutes.value(),
        )

    def _show_row(self, field: QWidget, visible: bool) -> None:
        self._form.setRowVisible(field, visible)

    def save_button(self) -> QWidget:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None
        return button

    # --- building -----------------------------------------------------------------------------
    def _layout(self) -> None:
        form = self._form = QFormLayout()
        form.addRow("Name", self.title)
        form.addRow("", self.title_reason)
        for key, label in _PHASES:
            form.addRow(label, self.fields[key])
            if key == "top_up":
                form.addRow("", self.holds)
                form.addRow("", self.holds_note)
        pace = QHBoxLayout()
        pace.addWidget(self.preview)
        words = QVBoxLayout()
        words.addWidget(self.rate)
        words.addWidget(self.rate_reason)
        words.addStretch(1)
        pace.addLayout(words, 1)
        form.addRow("Pace", pace)
        length = QHBoxLayout()
        length.addWidget(self.minutes)
        length.addWidget(self.breaths)
        length.addWidget(self.length_kind)
        length.addStretch(1)
        form.addRow("Length", length)
        form.addRow("", self.length_reason)
        form.addRow("Sound", self.cues)
        form.addRow("Words", self.words)
        form.addRow("", self.ramp)
        form.addRow("Glide to in-breath", self.ramp_fields["inhale"])
        form.addRow("Glide to out-breath", self.ramp_fields["exhale"])
        form.addRow("Glide over (minutes)", self.ramp_minutes)
        intro = text_label(quiet=True)
        intro.setText(
            "Shape a breath that suits you. Everything stays within gentle bounds; "
            "anything outside them says why."
        )
        content = QWidget()
        rows = QVBoxLayout(content)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(intro)
        rows.addLayout(form)
        for wrapped in (intro, self.holds_note):
            wrapped.setFixedWidth(self.fontMetrics().height() * 30)
        self.rows_area = _ScreenHighScroll(content, self)
        column = QVBoxLayout(self)
        # The dialog grows and shrinks with the rows that holds and the glide show or hide,
        # up to the screen's height; beyond it (200 % on a small screen) the rows scroll.
        column.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        column.addWidget(self.rows_area)
        column.addWidget(self.buttons)

    def _load(self, draft: PatternDraft) -> None:
        for key, field in self.fields.items():
            field.set_ms(getattr(draft.pattern, f"{key}_ms"))
        self.holds.setChecked(draft.holds_on)
        self.length_kind.setCurrentIndex(0 if draft.length is Length.MINUTES else 1)
        self.minutes.setValue(draft.minutes)
        self.breaths.setValue(draft.breaths)
        self.cues.setCurrentIndex(self.cues.findData(draft.cues))
        words = [index for index, (_, p) in enumerate(_WORDS) if p == draft.prompts]
        self.words.setCurrentIndex(words[0] if words else 0)
        target = draft.ramp_to or replace(STARTING_PATTERN, inhale_ms=4_000, exhale_ms=8_000)
        self.ramp.setChecked(draft.ramp_to is not None)
        self.ramp_fields["inhale"].set_ms(target.inhale_ms)
        self.ramp_fields["exhale"].set_ms(target.exhale_ms)
        self.ramp_minutes.setValue(draft.ramp_minutes)

    def _connect(self) -> None:
        self.title.textChanged.connect(self._update)
        for field in (*self.fields.values(), *self.ramp_fields.values()):
            field.changed.connect(self._update)
        for box in (self.holds, self.ramp):
            box.toggled.connect(self._update)
        for spin in (self.minutes, self.ramp_minutes):
            spin.valueChanged.connect(self._update)
        self.breaths.valueChanged.connect(self._update)
        self.length_kind.currentIndexChanged.connect(self._update)

    def _update(self) -> None:
        draft = self.draft()
        found = reasons(draft)
        holds = self.holds.isChecked()
        for key in _HOLDS:
            self._show_row(self.fields[key], holds)
        self.holds_note.setVisible(holds)
        for key, field in self.fields.items():
            field.show_reason(found.get(key, ""))
        for key, field in self.ramp_fields.items():
            field.show_reason(found.get(f"ramp_{key}", ""))
        for widget in (*self.ramp_fields.values(), self.ramp_minutes):
            self._show_row(widget, self.ramp.isChecked())
        by_minutes = draft.length is Length.MINUTES
        self.minutes.setVisible(by_minutes)
        self.breaths.setVisible(not by_minutes)
        _show(self.title_reason, found.get("title", ""))
        _show(self.length_reason, found.get("minutes" if by_minutes else "breaths", ""))
        rate_reason = found.get("rate") or found.get("ramp_rate") or found.get("ramp_minutes", "")
        _show(self.rate_reason, rate_reason)
        pattern = draft.effective_pattern
        if pattern.cycle_ms > 0:
            self.rate.setText(f"{pattern.breaths_per_minute:.1f} breaths a minute")
            self.preview.set_pattern(pattern)
        self.save_button().setEnabled(not found)
        self.save_button().setToolTip(next(iter(found.values()), ""))
        self.rows_area.updateGeometry()  # rows shown or hidden: the dialog's height follows


class _ScreenHighScroll(FittingScrollArea):
    """Asks for its rows' whole height, but no more than the screen has beside the buttons."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        room = available_geometry(self).height() - self.fontMetrics().height() * SCREEN_RESERVE
        return QSize(hint.width(), max(self.minimumHeight(), min(hint.height(), room)))


def text_label(text: str = "", *, quiet: bool = False) -> QLabel:
    """A wrapping label that reads from the left, as a form's notes and reasons do."""
    label = _centred_label(text, quiet=quiet)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _combo(label: str, description: str, items: tuple[tuple[str, object], ...]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    name(combo, label, description)
    return combo


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
