"""The pack's check-ins: which built-in measures it asks (around each session, or weekly), and the
PT's own 0–10 questions — add, change, remove, reorder — each with the validator's messages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.checkin import Measure
from pfrelax.services.pack_studio import PackSource
from pfrelax.services.studio_checkin import (
    MEASURES,
    PER_SESSION,
    WEEKLY,
    WEEKLY_MEASURES,
    CheckinEditor,
    Table,
)
from pfrelax.services.studio_checks import checkin_messages
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.studio.field_notes import FieldNotes
from pfrelax.ui.studio.toml_fields import line

ITEM_FIELDS = (
    ("id", "Id", "Short name: lowercase letters, digits and underscores, e.g. sleep_quality"),
    ("question", "Question", "What the patient is asked, answered from 0 to 10"),
    ("low", "Words at 0", "The anchor shown at 0, e.g. not at all"),
    ("high", "Words at 10", "The anchor shown at 10, e.g. completely"),
)


class CheckinForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor: CheckinEditor | None = None
        self.source: PackSource | None = None
        self.measures: dict[tuple[str, str], QCheckBox] = {}
        built_in = QGroupBox("Built-in measures")
        built_row = QHBoxLayout(built_in)
        for when, ids, heading in (
            (PER_SESSION, MEASURES, "Asked before and after each session"),
            (WEEKLY, WEEKLY_MEASURES, "Asked once a week"),
        ):
            built_column = QVBoxLayout()
            built_column.addWidget(_left(text_label(heading, quiet=True)))
            for measure in ids:
                built_column.addWidget(self._measure_box(when, measure, heading))
            built_column.addStretch(1)
            built_row.addLayout(built_column, 1)
        self.items = QListWidget()
        name(self.items, "Your questions", "In the order asked; Alt+Up and Alt+Down move one")
        self.add = _button("Add question", "Add a question of your own")
        self.remove = _button("Remove question", "Take the chosen question out")
        self.up = _button("Move up", "Ask the chosen question earlier (Alt+Up)")
        self.down = _button("Move down", "Ask the chosen question later (Alt+Down)")
        self.notes = FieldNotes()
        self.fields = {key: line(label, description) for key, label, description in ITEM_FIELDS}
        self.around = QCheckBox("Before and after each session")
        name(self.around, "Ask around sessions", "Ask this question before and after sessions")
        self.weekly = QCheckBox("Once a week")
        name(self.weekly, "Ask weekly", "Ask this question once a week")
        self.general = _left(text_label(quiet=True))
        self.general.setProperty("problem", True)
        self.general.setVisible(False)
        self._layout(built_in)
        self._connect()
        self._loading = False

    def _measure_box(self, when: str, measure: str, heading: str) -> QCheckBox:
        wording = Measure(measure).wording
        box = QCheckBox(wording.label)
        name(box, wording.label, f"{heading}: “{wording.question}”")
        box.toggled.connect(lambda on: self._on_measure_toggled(when, measure, on))
        self.measures[(when, measure)] = box
        return box

    def _layout(self, built_in: QWidget) -> None:
        own = QGroupBox("Your own questions (0 to 10)")
        buttons = QHBoxLayout()
        for button in (self.add, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        for key, label, _ in ITEM_FIELDS:
            form.addRow(label, self.notes.add(key, self.fields[key]))
        asked = QHBoxLayout()
        asked.addWidget(self.around)
        asked.addWidget(self.weekly)
        asked.addStretch(1)
        form.addRow("Asked", asked)
        own_column = QVBoxLayout(own)
        own_column.addWidget(self.items, 1)
        own_column.addLayout(buttons)
        own_column.addLayout(form)
        inside = QWidget()
        column = QVBoxLayout(inside)
        column.addWidget(self.general)
        column.addWidget(built_in)
        column.addWidget(own, 1)
        # One column that scrolls: it fits a 200 % screen, and nothing is squeezed.
        scroll = QScrollArea()
        scroll.setWidget(inside)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; they scroll in
        scroll.viewport().setAutoFillBackground(False)  # the tab's own colour shows
        inside.setAutoFillBackground(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _connect(self) -> None:
        self.items.currentRowChanged.connect(self._on_item_chosen)
        self.add.clicked.connect(self._on_add)
        self.remove.clicked.connect(self._on_remove)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.items.installEventFilter(self)
        for key, field in self.fields.items():
            field.textEdited.connect(lambda text, key=key: self._on_field_edited(key, text))
        self.around.toggled.connect(lambda on: self._on_item_asked(PER_SESSION, on))
        self.weekly.toggled.connect(lambda on: self._on_item_asked(WEEKLY, on))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.items and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._move(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    # --- public -------------------------------------------------------------------------------
    def load(self, source: PackSource | None, chosen: int = 0) -> None:
        self.source = source
        self.editor = CheckinEditor(source.manifest.document) if source is not None else None
        self._loading = True
        try:
            for (when, measure), box in self.measures.items():
                box.setChecked(self.editor is not None and measure in self.editor.asked(when))
                box.setEnabled(self.editor is not None)
            self.items.clear()
            for item in self.editor.items() if self.editor else []:
                self.items.addItem(_item_label(item))
            self.add.setEnabled(self.editor is not None)
        finally:
            self._loading = False
        if self.items.count():
            self.items.setCurrentRow(min(chosen, self.items.count() - 1))
        else:
            self._on_item_chosen(-1)

    def show_problems(self) -> None:
        """The chosen question's messages by field, and those about the lists themselves."""
        if self.source is None:
            return
        messages, general = checkin_messages(self.source, self.items.currentRow())
        self.notes.show(messages)
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))

    def focus_field(self, index: int, key: str) -> None:
        """Jump to a question's field (a problem was chosen on the Check tab)."""
        self.items.setCurrentRow(index)
        self.fields.get(key, self.fields["id"]).setFocus()

    def focus_lists(self) -> None:
        """Jump to the built-in measures (a problem about the lists was chosen)."""
        next(iter(self.measures.values())).setFocus()

    # --- inside -------------------------------------------------------------------------------
    def _item(self) -> Table | None:
        row = self.items.currentRow()
        items = self.editor.items() if self.editor else []
        return items[row] if 0 <= row < len(items) else None

    def _on_item_chosen(self, _row: int) -> None:
        item = self._item()
        self._loading = True
        try:
            for key, field in self.fields.items():
                field.setText(str(item.get(key, "")) if item is not None else "")
                field.setEnabled(item is not None)
            item_id = str(item.get("id", "")) if item is not None else ""
            for box, when in ((self.around, PER_SESSION), (self.weekly, WEEKLY)):
                box.setChecked(self.editor is not None and item_id in self.editor.asked(when))
                box.setEnabled(item is not None)
            for button in (self.remove, self.up, self.down):
                button.setEnabled(item is not None)
        finally:
            self._loading = False
        self.show_problems()

    def _on_measure_toggled(self, when: str, measure: str, on: bool) -> None:
        if not self._loading and self.editor is not None:
            self.editor.set_asked(when, measure, on)
            self._changed()

    def _on_item_asked(self, when: str, on: bool) -> None:
        item = self._item()
        if not self._loading and self.editor is not None and item is not None:
            self.editor.set_asked(when, str(item.get("id", "")), on)
            self._changed()

    def _on_field_edited(self, key: str, text: str) -> None:
        item, row = self._item(), self.items.currentRow()
        if self._loading or self.editor is None or item is None:
            return
        if key == "id":
            self.editor.rename_item(row, text.strip())
        else:
            item[key] = text.strip()
        current = self.items.currentItem()
        if current is not None:
            current.setText(_item_label(item))
        self._changed()

    def _changed(self) -> None:
        self.show_problems()
        self.edited.emit()

    def _on_add(self) -> None:
        if self.editor is not None:
            self.load(self.source, self.editor.add_item())
            self.edited.emit()
            self.fields["question"].setFocus()
            self.fields["question"].selectAll()

    def _on_remove(self) -> None:
        row = self.items.currentRow()
        if self.editor is not None and row >= 0:
            self.editor.remove_item(row)
            self.load(self.source, max(0, row - 1))
            self.edited.emit()

    def _move(self, by: int) -> None:
        if self.editor is not None and self.items.currentRow() >= 0:
            moved = self.editor.move_item(self.items.currentRow(), by)
            self.load(self.source, moved)
            self.items.setFocus()
            self.edited.emit()


def _left(label: QLabel) -> QLabel:
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _item_label(item: Table) -> str:
    return str(item.get("question", "") or item.get("id", "") or "New question")


def _button(text: str, description: str) -> QPushButton:
    button = QPushButton(text)
    name(button, text, description)
    return button
