"""The pack's sessions: add one (a copy of a built-in as a template), remove one; for the chosen
session its id, title and summary, and its steps in order — add, remove, move (buttons, Alt+Up
and Alt+Down, or drag) — with the chosen step's form beside them."""

from __future__ import annotations

import tomlkit
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from tomlkit.items import AoT

from pfrelax.services.pack_studio import PackSource, TomlFile
from pfrelax.services.studio_checks import field_messages, session_problems
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.scrolling import FittingScrollArea
from pfrelax.ui.studio.step_form import NEW_STEPS, StepForm
from pfrelax.ui.studio.toml_fields import Binder, line

STEP_FORM_LINES = 18  # the step's form under the lists (a narrow window): its least height
ROOM = 1.2  # side by side only with a fifth more than the least width: fields to type in
_MARGINS = 30  # the layout's own margins and spacing


class SessionsForm(QWidget):
    edited = Signal()
    add_session_requested = Signal()
    preview_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: PackSource | None = None
        self.sessions = QListWidget()
        name(self.sessions, "Sessions", "The sessions in this pack")
        self.add_session = _button("Add session…", "Add a session, starting from a built-in one")
        self.remove_session = _button("Remove session", "Take the chosen session out of the pack")
        self.preview = _button("Preview", "Play the chosen session as it is now (F6)")
        self.binder = Binder(self)
        self.fields = {
            "id": line("Session id", "Short name: lowercase letters, digits and hyphens"),
            "title": line("Session title", "The name the patient sees"),
            "summary": line("Summary", "One or two sentences under the title"),
        }
        for key, field in self.fields.items():
            self.binder.bind_line(field, key)
        self.steps = QListWidget()
        self.steps.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        name(self.steps, "Steps", "The session's steps in order; Alt+Up and Alt+Down move one")
        self.new_step = QComboBox()
        for kind in NEW_STEPS:
            self.new_step.addItem(kind.replace("_", " ").capitalize(), kind)
        name(self.new_step, "New step type", "The kind of step Add step adds")
        self.new_step.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.add_step = _button("Add step", "Add a step of the chosen kind after the chosen one")
        self.remove_step = _button("Remove step", "Take the chosen step out")
        self.up = _button("Move up", "Move the chosen step earlier (Alt+Up)")
        self.down = _button("Move down", "Move the chosen step later (Alt+Down)")
        self.step_form = StepForm()
        self._layout()
        self._connect()

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.sessions, 1)
        left.addWidget(self.add_session)
        left.addWidget(self.remove_session)
        left.addWidget(self.preview)
        details = QFormLayout()
        details.addRow("Id", self.fields["id"])
        details.addRow("Title", self.fields["title"])
        details.addRow("Summary", self.fields["summary"])
        step_buttons = QGridLayout()  # two columns: the window fits a 200 % screen
        step_buttons.addWidget(self.new_step, 0, 0)
        step_buttons.addWidget(self.add_step, 0, 1)
        step_buttons.addWidget(self.remove_step, 1, 1)
        step_buttons.addWidget(self.up, 2, 0)
        step_buttons.addWidget(self.down, 2, 1)
        middle = QVBoxLayout()
        middle.addLayout(details)
        middle.addWidget(self.steps, 1)
        middle.addLayout(step_buttons)
        lists = QWidget()
        row = QHBoxLayout(lists)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 1)
        row.addLayout(middle, 2)
        # Beside the lists where there is room; under them on a narrow window (200 %), where
        # the tab scrolls rather than cutting the step's form off at the window's edge.
        body = QWidget()
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self._columns.setContentsMargins(0, 0, 0, 0)
        self._columns.addWidget(lists, 3)
        self._columns.addWidget(self.step_form, 2)
        self._lists = lists
        self._area = FittingScrollArea(body, self)
        self._area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; they scroll in
        QVBoxLayout(self).addWidget(self._area)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_columns(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # a theme's paddings change the widths
            self._fit_columns(self.width())

    def _fit_columns(self, width: int) -> None:
        needed = self._lists.minimumSizeHint().width() + self.step_form.minimumSizeHint().width()
        wide = width >= needed * ROOM + _MARGINS
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
            lines = 0 if wide else STEP_FORM_LINES  # under the lists: tall enough to work in
            self.step_form.setMinimumHeight(self.fontMetrics().lineSpacing() * lines)
            self._area.updateGeometry()  # the tab's least size follows the columns

    def _connect(self) -> None:
        self.sessions.currentRowChanged.connect(self._on_session_chosen)
        self.steps.currentRowChanged.connect(self._on_step_chosen)
        self.steps.model().rowsMoved.connect(self._on_rows_moved)
        self.add_session.clicked.connect(self.add_session_requested)
        self.preview.clicked.connect(self.preview_requested)
        self.remove_session.clicked.connect(self._on_remove_session)
        self.add_step.clicked.connect(self._on_add_step)
        self.remove_step.clicked.connect(self._on_remove_step)
        self.up.clicked.connect(self._on_up)
        self.down.clicked.connect(self._on_down)
        self.steps.installEventFilter(self)  # Alt+Up and Alt+Down move the chosen step
        self.binder.edited.connect(self._on_session_edited)
        self.step_form.edited.connect(self._on_step_edited)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.steps and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._move(self.steps.currentRow(), -1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    # --- public -------------------------------------------------------------------------------
    def load(self, source: PackSource | None, chosen: int = 0) -> None:
        self.source = source
        self.sessions.clear()
        for file in source.sessions if source is not None else []:
            self.sessions.addItem(_session_label(file))
        if self.sessions.count():
            self.sessions.setCurrentRow(min(chosen, self.sessions.count() - 1))
        else:
            self._on_session_chosen(-1)
        self._fit_columns(self.width())  # the lists' widths follow what they now hold

    def current(self) -> TomlFile | None:
        row = self.sessions.currentRow()
        if self.source is None or not 0 <= row < len(self.source.sessions):
            return None
        return self.source.sessions[row]

    def select_step(self, index: int) -> None:
        self.steps.setCurrentRow(index)

    # --- sessions -----------------------------------------------------------------------------
    def _on_session_chosen(self, _row: int) -> None:
        file = self.current()
        self.binder.load(file.document if file else None, dict(self.fields))
        self.remove_session.setEnabled(file is not None)
        self.preview.setEnabled(file is not None)
        self._fill_steps(0)

    def _on_remove_session(self) -> None:
        file = self.current()
        if file is not None and self.source is not None:
            row = self.sessions.currentRow()
            self.source.remove_session(file.name)
            self.load(self.source, max(0, row - 1))
            self.edited.emit()

    def _on_session_edited(self) -> None:
        file = self.current()
        item = self.sessions.currentItem()
        if file is not None and item is not None:
            item.setText(_session_label(file))
        self.edited.emit()

    # --- steps --------------------------------------------------------------------------------
    def _steps(self) -> AoT | None:
        file = self.current()
        if file is None:
            return None
        steps = file.document.get("step")
        return steps if isinstance(steps, AoT) else None

    def _fill_steps(self, chosen: int) -> None:
        self.steps.blockSignals(True)
        self.steps.clear()
        for table in self._steps() or []:
            self.steps.addItem(QListWidgetItem(_step_label(table)))
        self.steps.blockSignals(False)
        has_file = self.current() is not None
        for widget in (self.add_step, self.new_step):
            widget.setEnabled(has_file)
        if self.steps.count():
            self.steps.setCurrentRow(min(chosen, self.steps.count() - 1))
        self._on_step_chosen(self.steps.currentRow())

    def _on_step_chosen(self, row: int) -> None:
        steps = self._steps()
        table = steps[row] if steps is not None and 0 <= row < len(steps) else None
        file = self.current()
        self.step_form.load(table, file.document if file is not None else None)
        for widget in (self.remove_step, self.up, self.down):
            widget.setEnabled(table is not None)
        self._show_step_problems()

    def _show_step_problems(self) -> None:
        """The validator's messages for the chosen step, beside its fields."""
        file, row, steps = self.current(), self.steps.currentRow(), self._steps()
        if self.source is None or file is None or steps is None or not 0 <= row < len(steps):
            return
        problems = session_problems(self.source, file)
        messages = field_messages(problems, f"step[{row}]")
        safety = field_messages(problems, "").get("safety")
        if safety and steps[row].get("type") in ("pelvic_floor", "breathe"):
            messages.setdefault("safety", safety)  # the note a contraction or a hold needs
        self.step_form.show_problems(messages)

    def _on_step_edited(self) -> None:
        row = self.steps.currentRow()
        steps = self._steps()
        item = self.steps.currentItem()
        if steps is not None and item is not None:
            item.setText(_step_label(steps[row]))
        self._show_step_problems()
        self.edited.emit()

    def _on_add_step(self) -> None:
        file = self.current()
        if file is None:
            return
        kind = str(self.new_step.currentData())
        table = tomlkit.table()
        table.update(NEW_STEPS[kind])
        order = list(self._steps() or [])
        at = self.steps.currentRow() + 1 if order else 0
        order.insert(at, table)
        self._set_steps(order, at)

    def _on_remove_step(self) -> None:
        order = list(self._steps() or [])
        row = self.steps.currentRow()
        if 0 <= row < len(order):
            del order[row]
            self._set_steps(order, max(0, row - 1))

    def _on_up(self) -> None:
        self._move(self.steps.currentRow(), -1)

    def _on_down(self) -> None:
        self._move(self.steps.currentRow(), 1)

    def _move(self, row: int, by: int) -> None:
        order = list(self._steps() or [])
        target = row + by
        if 0 <= row < len(order) and 0 <= target < len(order):
            order.insert(target, order.pop(row))
            self._set_steps(order, target)
            self.steps.setFocus()

    def _on_rows_moved(self, *_args: object) -> None:
        # A drag moved the list's rows: put the steps in the order the list now shows.
        steps = list(self._steps() or [])
        labels = [self.steps.item(i).text() for i in range(self.steps.count())]
        remaining = list(steps)
        order = []
        for label in labels:
            match = next(t for t in remaining if _step_label(t) == label)
            remaining.remove(match)
            order.append(match)
        self._set_steps(order, self.steps.currentRow())

    def _set_steps(self, order: list[object], chosen: int) -> None:
        file = self.current()
        if file is None:
            return
        steps = AoT([])
        for table in order:
            steps.append(table)
        file.document["step"] = steps
        self._fill_steps(chosen)
        self.edited.emit()


def _session_label(file: TomlFile) -> str:
    title = str(file.document.get("title", "") or "")
    return title or file.name


def _step_label(table: object) -> str:
    if not isinstance(table, dict):
        return "?"
    kind = str(table.get("type", "step")).replace("_", " ")
    title = str(table.get("title", "") or "")
    return f"{kind.capitalize()}: {title}" if title else kind.capitalize()


def _button(text: str, description: str) -> QPushButton:
    button = QPushButton(text)
    name(button, text.rstrip("…"), description)
    return button
