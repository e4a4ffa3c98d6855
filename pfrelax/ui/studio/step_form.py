"""One step of a session, as a form for its type: breathe, speak, rest, pelvic floor or dilator
(practice_forms), with the validator's messages for the step. A step of an unknown type shows its
text as written; it stays exactly as it is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import tomlkit
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pfrelax.ui.common.labels import text_label
from pfrelax.ui.studio.narration_panel import NarrationPanel
from pfrelax.ui.studio.practice_forms import DilatorPage, PelvicFloorPage, step_defaults
from pfrelax.ui.studio.toml_fields import Binder, Table, choice, line, number_or_text, text_box

LENGTH_KEYS = ("minutes", "seconds", "cycles")
CUES = (("tones", "Soft tones"), ("voice", "Spoken prompts"), ("none", "Silent"))
FORMED = ("breathe", "speak", "rest", "pelvic_floor", "dilator")


class StepForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.binder = Binder(self)
        self.binder.edited.connect(self.edited)
        self.pages = QStackedWidget()
        self.breathe_fields = self._breathe_page()
        self.speak_fields = self._speak_page()
        self.rest_fields = self._rest_page()
        self.pelvic_floor = PelvicFloorPage()
        self.dilator = DilatorPage()
        for practice in (self.pelvic_floor, self.dilator):
            practice.edited.connect(self.edited)
            self.pages.addWidget(practice)
        # The validator's messages a page has no field note for (a breathe step's pattern, …).
        self.step_note = text_label(quiet=True)
        self.step_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.step_note.setProperty("problem", True)
        self.step_note.setVisible(False)
        self.other = text_label(quiet=True)
        self.other_text = QPlainTextEdit()
        self.other_text.setReadOnly(True)
        other = QWidget()
        other_column = QFormLayout(other)
        other_column.addRow(self.other)
        other_column.addRow(self.other_text)
        self.pages.addWidget(other)
        inside = _FormColumn()
        inside_column = QVBoxLayout(inside)
        inside_column.setContentsMargins(0, 0, 0, 0)
        inside_column.addWidget(self.step_note)
        inside_column.addWidget(self.pages)
        inside_column.addStretch(1)
        # Scrolls rather than squeezing its rows: at 200 % a long form is taller than the screen.
        self.scroller = QScrollArea()
        self.scroller.setWidget(inside)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(
            Qt.FocusPolicy.NoFocus
        )  # Tab goes to the fields; they scroll in
        self.scroller.viewport().setAutoFillBackground(False)  # the tab's own colour shows
        inside.setAutoFillBackground(False)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.scroller)
        self._table: Table | None = None

    def minimumSizeHint(self) -> QSize:
        """As wide as its widest page needs (nothing cut off), however tall the pages are;
        asked afresh, as a theme's paddings change the widths."""
        inside = self.scroller.widget()
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        least = super().minimumSizeHint()
        width = (inside.minimumSizeHint().width() if inside is not None else 0) + bar
        return QSize(max(width, least.width()), least.height())

    # --- pages --------------------------------------------------------------------------------
    def _breathe_page(self) -> dict[str, QWidget]:
        fields: dict[str, QWidget] = {
            "title": line("Step title", "Shown in the player's chapters"),
            "pattern": line("Pattern", 'In-out seconds like "4-6", or "4-7-8-0" with holds'),
            "cues": choice("Cues", "How each breath is announced", CUES),
        }
        self.length_unit = choice(
            "Length in",
            "Minutes, seconds, or a number of breaths",
            tuple((k, k) for k in LENGTH_KEYS),
        )
        self.length_value = line("Length", "How long the breathing lasts")
        self.binder.bind_line(fields["title"], "title")  # type: ignore[arg-type]
        self.binder.bind_line(fields["pattern"], "pattern")  # type: ignore[arg-type]
        self.binder.bind_choice(fields["cues"], "cues")  # type: ignore[arg-type]
        self.length_value.textEdited.connect(self._on_length_edited)
        self.length_unit.activated.connect(self._on_length_edited)
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Title", fields["title"])
        form.addRow("Pattern", fields["pattern"])
        length = QHBoxLayout()
        length.addWidget(self.length_value, 1)
        length.addWidget(self.length_unit)
        form.addRow("Length", length)
        form.addRow("Cues", fields["cues"])
        self.pages.addWidget(page)
        return fields

    def _speak_page(self) -> dict[str, QWidget]:
        fields: dict[str, QWidget] = {
            "title": line("Step title", "Shown in the player's chapters"),
            "text": text_box("Narration", "What is said, shown as captions"),
            "seconds": line("Seconds", "How long, when there is no recording"),
            "audio": line("Recording", "A file inside the pack, e.g. audio/welcome.ogg"),
        }
        self.binder.bind_line(fields["title"], "title")  # type: ignore[arg-type]
        self.binder.bind_text(fields["text"], "text")  # type: ignore[arg-type]
        self.binder.bind_line(fields["seconds"], "seconds", number_or_text)  # type: ignore[arg-type]
        self.binder.bind_line(fields["audio"], "audio")  # type: ignore[arg-type]
        page = _form_page(fields, ("Title", "Narration", "Seconds", "Recording"))
        self.narration = NarrationPanel()
        self.narration.attached.connect(self._on_narration_attached)
        page_form = page.layout()
        assert isinstance(page_form, QFormLayout)
        page_form.addRow(self.narration)  # the full width: no label column beside it
        self.pages.addWidget(page)
        return fields

    def _rest_page(self) -> dict[str, QWidget]:
        fields: dict[str, QWidget] = {
            "title": line("Step title", "Shown in the player's chapters"),
            "seconds": line("Seconds", "How long the rest lasts"),
            "text": text_box("Words", "Shown on screen during the rest (optional)"),
        }
        self.binder.bind_line(fields["title"], "title")  # type: ignore[arg-type]
        self.binder.bind_line(fields["seconds"], "seconds", number_or_text)  # type: ignore[arg-type]
        self.binder.bind_text(fields["text"], "text")  # type: ignore[arg-type]
        self.pages.addWidget(_form_page(fields, ("Title", "Seconds", "Words")))
        return fields

    # --- public -------------------------------------------------------------------------------
    def load(self, table: Table | None, session: Table | None = None) -> None:
        """Show `table` (a step of `session`, whose safety note a contraction needs)."""
        self._table = table
        self.show_problems({})
        kind = str(table.get("type", "")) if table is not None else ""
        if kind in ("pelvic_floor", "dilator"):
            page = self.pelvic_floor if kind == "pelvic_floor" else self.dilator
            page.load(table, session)
            self.binder.load(None, {})
            self.pages.setCurrentWidget(page)
            return
        if kind in FORMED:
            index = FORMED.index(kind)
            fields = (self.breathe_fields, self.speak_fields, self.rest_fields)[index]
            self.binder.load(table, fields)
            self.pages.setCurrentIndex(index)
            if kind == "breathe":
                self._load_length(table)
            self.narration.load(table if kind == "speak" else None)
            return
        self.binder.load(None, {})
        self.pages.setCurrentIndex(len(FORMED))
        self.other.setText(
            f"A {kind or 'new'} step: its settings are kept exactly as written in the file."
            if table is not None
            else "Choose a step to change it."
        )
        self.other_text.setPlainText(_as_text(table) if table is not None else "")

    def show_problems(self, messages: Mapping[str, str]) -> None:
        """The validator's messages for this step by field ("" for the step as a whole)."""
        page = self.pages.currentWidget()
        noted: set[str] = set()
        if isinstance(page, PelvicFloorPage | DilatorPage):
            page.show_problems(messages)
            noted = set(page.notes.notes)
        rest = [f"{k}: {text}" if k else text for k, text in messages.items() if k not in noted]
        self.step_note.setText("\n".join(rest))
        self.step_note.setVisible(bool(rest))

    def focus_field(self, key: str) -> bool:
        """Put the keyboard in the field for `key` of the shown step (a problem was chosen)."""
        page = self.pages.currentWidget()
        if isinstance(page, PelvicFloorPage | DilatorPage):
            field = page.field_for(key)
        else:
            kind = str(self._table.get("type", "")) if self._table is not None else ""
            pages = (self.breathe_fields, self.speak_fields, self.rest_fields)
            field = dict(zip(FORMED[:3], pages, strict=True)).get(kind, {}).get(key)
            if kind == "breathe" and key in LENGTH_KEYS:
                field = self.length_value
        if field is None:
            return False
        self.scroller.ensureWidgetVisible(field)
        field.setFocus()
        return True

    def _on_narration_attached(self) -> None:
        self.binder.load(self._table, self.speak_fields)  # the recording and no seconds now
        self.edited.emit()

    def _load_length(self, table: Table | None) -> None:
        given = [key for key in LENGTH_KEYS if table is not None and key in table]
        unit = given[0] if given else "minutes"
        self.length_unit.setCurrentIndex(LENGTH_KEYS.index(unit))
        self.length_value.setText(str(table[unit]) if table is not None and given else "")

    def _on_length_edited(self, *_args: Any) -> None:
        table = self._table
        if table is None:
            return
        for key in LENGTH_KEYS:
            if key in table:
                del table[key]
        text = self.length_value.text().strip()
        if text:
            table[str(self.length_unit.currentData())] = number_or_text(text)
        self.edited.emit()


def _form_page(fields: dict[str, QWidget], labels: tuple[str, ...]) -> QWidget:
    page = QWidget()
    form = QFormLayout(page)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for label, field in zip(labels, fields.values(), strict=True):
        form.addRow(label, field)
    return page


def _as_text(table: Table) -> str:
    document = tomlkit.document()
    document.update(table)
    return tomlkit.dumps(document)


# What "Add step" starts each type with: valid at once, for the PT to change.
NEW_STEPS: dict[str, dict[str, object]] = {
    "breathe": {"type": "breathe", "pattern": "4-6", "minutes": 3},
    "speak": {"type": "speak", "text": "", "seconds": 20},
    "rest": {"type": "rest", "seconds": 30},
    **step_defaults(),
}


class _FormColumn(QWidget):
    """The step's page inside its scroller, as narrow as its fields allow: QScrollArea keeps a
    column of wrapping words at least as wide as it would like to be, which cut the fields off
    at the scroller's edge on a narrow window (200 %)."""

    def sizeHint(self) -> QSize:
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())
