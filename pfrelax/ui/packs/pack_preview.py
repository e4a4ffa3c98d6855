"""The preview dialog: a pack shown before anything is installed, as `services.pack_preview`
words it; the dialog only lays it out. An older version than the one installed is never
installed quietly: the dialog says so and its button names the step back.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pfrelax.services.pack_preview import PackPreview
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.app_name import app_name
from pfrelax.ui.common.screen_fit import fit_to_screen
from pfrelax.ui.common.theme import Palette, mix, scaled_font


def _label(text: str, *, quiet: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a pack's text is text, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0:
        label.setFont(scaled_font(label.font(), scale))
    if quiet:
        label.setProperty("quiet", True)
    return label


class PackPreviewDialog(QDialog):
    """Install or cancel; `start_plan_today()` says whether to start the plan on install."""

    def __init__(
        self, preview: PackPreview, palette: Palette | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Install a pack — {app_name()}")
        self.start_plan = QCheckBox("Start the plan today")
        name(self.start_plan, "Start the plan today", "Week 1 of the plan begins today")
        self.start_plan.setChecked(True)
        # Only a plan not started yet can start today; an update keeps the day it started.
        self._offers_start = bool(preview.plan_lines) and preview.plan_started is None
        self.start_plan.setVisible(self._offers_start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.install_button = QPushButton(preview.install_label)
        self.install_button.setProperty("accent", True)
        # Another author's pack: Cancel stays the default, and Replace waits for the tick.
        self.trust_author = QCheckBox(
            f"I trust this file: replace the pack from {preview.installed_who}"
        )
        self.trust_author.setVisible(bool(preview.author_warning))
        self._allow_install(not preview.author_warning)
        self.trust_author.toggled.connect(self._allow_install)
        name(self.install_button, preview.install_label, f"Install {preview.title}")
        buttons.addButton(self.install_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        default = self.cancel_button if preview.author_warning else self.install_button
        for button in (self.install_button, self.cancel_button):
            button.setAutoDefault(False)  # Return presses the default, whatever has focus
        default.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._body())
        column = QVBoxLayout(self)
        em = self.fontMetrics().height()
        column.setContentsMargins(em * 2, em * 2, em * 2, round(em * 1.5))
        column.setSpacing(em)
        column.addWidget(scroll, 1)
        column.addWidget(self.trust_author)
        column.addWidget(self.start_plan)
        column.addWidget(buttons)
        # Its words scroll: on a small screen (200 %) the dialog fits it rather than spilling off.
        fit_to_screen(self, QSize(em * 44, em * 46), QSize(em * 16, em * 14))
        if palette is not None:
            self.set_palette(palette)

    def _allow_install(self, allowed: bool) -> None:
        # The accent colour says "this is the way on": not while the button waits for a tick.
        self.install_button.setEnabled(allowed)
        self.install_button.setProperty("accent", allowed)
        self.install_button.style().unpolish(self.install_button)
        self.install_button.style().polish(self.install_button)

    def start_plan_today(self) -> bool:
        return self._offers_start and self.start_plan.isChecked()

    def set_palette(self, palette: Palette) -> None:
        border = mix(palette.color("surface"), palette.color("text"), 0.12).name()
        self.setStyleSheet(
            f"""QLabel[quiet="true"] {{ color: {palette.quiet_text}; }}
            QLabel[message="true"] {{ border: none; border-left: 3px solid {palette.accent};
                padding: 0.3em 0 0.3em 0.9em; }}
            QFrame#previewNote {{ background-color: {palette.surface};
                border: 1px solid {border}; border-radius: 12px; }}"""
        )

    # --- layout -------------------------------------------------------------------------------
    def _body(self) -> QWidget:
        p = self.preview
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, self.fontMetrics().height(), 0)
        column.setSpacing(round(self.fontMetrics().height() * 0.5))
        self.title_label = _label(p.title, scale=1.5)
        self.title_label.setFont(scaled_font(self.font(), 1.5, QFont.Weight.Light))
        column.addWidget(self.title_label)
        self.who_label = _label(f"From {p.who} · version {p.version}", quiet=True)
        column.addWidget(self.who_label)
        self.author_warning_label: QLabel | None = None
        if p.author_warning:  # first, where it cannot be missed
            note, labels = self._note("This pack is from someone else", (p.author_warning,))
            self.author_warning_label = labels[0]
            column.addWidget(note)
        self.change_label = _label(p.change_line)
        self.change_label.setVisible(bool(p.change_line))
        column.addWidget(self.change_label)
        if p.description:
            column.addWidget(_label(p.description))
        self.message_label = _label(f"“{p.message}”\n{p.signature}", scale=1.1)
        self.message_label.setProperty("message", True)
        self.message_label.setVisible(bool(p.message))
        column.addWidget(self.message_label)
        if p.safety_lines:  # before the sessions, where it cannot be missed
            column.addSpacing(round(self.fontMetrics().height() * 0.4))
            note, self.safety_labels = self._note("Before you practise", p.safety_lines)
            column.addWidget(note)
        self._section(column, "Sessions")
        self.session_rows: list[tuple[QLabel, QLabel]] = []
        for title, length in p.sessions:
            row = QHBoxLayout()
            pair = (_label(title), _label(length, quiet=True))
            row.addWidget(pair[0], 1)
            row.addWidget(pair[1], 0, Qt.AlignmentFlag.AlignTop)
            self.session_rows.append(pair)
            column.addLayout(row)
        if p.plan_lines:
            self._section(column, "The plan (week 1 begins on the day you start)")
            self.plan_labels = [_label(line) for line in p.plan_lines]
            for label in self.plan_labels:
                column.addWidget(label)
        column.addStretch(1)
        return body

    def _section(self, column: QVBoxLayout, heading: str) -> None:
        label = _label(heading, quiet=True)
        label.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        column.addSpacing(round(self.fontMetrics().height() * 0.6))
        column.addWidget(label)

    def _note(self, title: str, lines: tuple[str, ...]) -> tuple[QFrame, list[QLabel]]:
        note = QFrame()
        note.setObjectName("previewNote")
        inner = QVBoxLayout(note)
        em = self.fontMetrics().height()
        inner.setContentsMargins(em, round(em * 0.8), em, round(em * 0.8))
        heading = _label(title)
        heading.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        inner.addWidget(heading)
        labels = [_label(line) for line in lines]
        for label in labels:
            inner.addWidget(label)
        return note, labels
