"""A pack that could not be installed: each problem as a calm, readable row, and a way to share it.

The person reading this is usually not the one who can fix it, so the dialog says that nothing
changed and offers the exact `file:line: key: message` lines to send back to the PT.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pfrelax.services.errors import Problem, visible
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.app_name import app_name
from pfrelax.ui.common.theme import Palette, mix, scaled_font

NOTHING_INSTALLED = (
    "Nothing was installed, and nothing on this computer changed. Send these details to the "
    "person who made the pack; they can fix it and send it again."
)
COPIED = "Copied"


def where(problem: Problem) -> str:
    """ "sessions/release.toml, line 12 · step[2].pattern.exhale" — where, in words."""
    place = problem.file + (f", line {problem.line}" if problem.line is not None else "")
    # visible(): a file name with a direction override must not reorder the row on screen
    return visible(f"{place} · {problem.key}" if problem.key else place)


def what_to_fix(problem: Problem) -> str:
    """The message as a sentence: capitalised, ending with a full stop."""
    text = visible(problem.message.strip())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


def details_text(problems: Sequence[Problem]) -> str:
    """The exact lines a PT's tools print: `file:line: key: message`, one per problem."""
    return "\n".join(str(problem) for problem in problems)


def _label(text: str, *, quiet: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # file names and keys are text, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if quiet:
        label.setProperty("quiet", True)
    return label


class PackErrorsDialog(QDialog):
    def __init__(
        self,
        pack_name: str,
        problems: Sequence[Problem],
        parent: QWidget | None = None,
        palette: Palette | None = None,
    ) -> None:
        super().__init__(parent)
        self.problems = tuple(problems)
        self.setWindowTitle(f"The pack could not be installed — {app_name()}")
        count = len(self.problems)
        heading = QLabel(f"{pack_name} could not be installed")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setFont(scaled_font(heading.font(), 1.3, QFont.Weight.Light))
        heading.setWordWrap(True)
        self.summary = QLabel(
            f"{'One thing needs' if count == 1 else f'{count} things need'} fixing in the pack. "
            + NOTHING_INSTALLED
        )
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.rows: list[tuple[QLabel, QLabel]] = []
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setSpacing(round(self.fontMetrics().height() * 0.9))
        for problem in self.problems:
            pair = (_label(where(problem), quiet=True), _label(what_to_fix(problem)))
            pair[0].setAccessibleName(f"{where(problem)}: {problem.message}")
            row = QVBoxLayout()
            row.setSpacing(2)
            row.addWidget(pair[0])
            row.addWidget(pair[1])
            rows.addLayout(row)
            self.rows.append(pair)
        rows.addStretch(1)
        self.list = QScrollArea()
        self.list.setObjectName("problemList")
        self.list.setWidgetResizable(True)
        self.list.setWidget(body)
        name(self.list, "Problems in the pack", "One problem per row: where it is and what to fix")
        self.copy_button = QPushButton("Copy details")
        name(self.copy_button, "Copy details", "Copy every problem, to send to the pack's author")
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        column = QVBoxLayout(self)
        spacing = self.fontMetrics().height()
        column.setContentsMargins(spacing * 2, spacing * 2, spacing * 2, spacing * 2)
        column.setSpacing(spacing)
        column.addWidget(heading)
        column.addWidget(self.summary)
        column.addWidget(self.list, 1)
        column.addWidget(buttons)
        self.resize(spacing * 40, spacing * 26)
        if palette is not None:
            self.set_palette(palette)

    def set_palette(self, palette: Palette) -> None:
        border = mix(palette.color("surface"), palette.color("text"), 0.16).name()
        self.setStyleSheet(
            f"""QLabel[quiet="true"] {{ color: {palette.quiet_text}; }}
            QScrollArea#problemList {{ background-color: {palette.surface};
                border: 1px solid {border}; border-radius: 12px; }}
            QScrollArea#problemList > QWidget > QWidget {{ background: transparent; }}"""
        )

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(details_text(self.problems))
        self.copy_button.setText(COPIED)
        self.copy_button.setAccessibleName("Details copied")
