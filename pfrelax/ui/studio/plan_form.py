"""The pack's plan: a weeks × days grid of what each day holds, the entries that make it (session,
weeks, days, times a day, note, sizes for a dilator session), and Today as the patient would see
it on the day chosen in the grid. Rules and messages come from the validator, through a service."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pfrelax.services.pack_plan import DAY_NAMES, PlanEditor, PlanRow, PreviewToday
from pfrelax.services.pack_studio import PackSource
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.common.local_time import Now, utc_now
from pfrelax.ui.common.theme import ThemeMode, resolve_palette
from pfrelax.ui.studio.plan_cells import DayCellDelegate
from pfrelax.ui.studio.plan_entry_form import PlanEntryForm, button
from pfrelax.ui.today.today_page import TodayPage

NARROW_EM = 50  # narrower than this, the preview goes under the plan
DAY_TITLES = tuple(day.capitalize() for day in DAY_NAMES)


class PlanForm(QWidget):
    edited = Signal()
    preview_requested = Signal(str)  # a session id: the preview's Start plays it in the studio

    def __init__(self, now: Now = utc_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor: PlanEditor | None = None
        self._now = now
        self.grid = QTableWidget(0, 7)
        self.grid.setHorizontalHeaderLabels(list(DAY_TITLES))
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        # A session's whole title, wrapped within its day: a title cut to "Before di…" says
        # nothing. The grid is as tall as its weeks (the plan's column scrolls), so no empty
        # strip of header shows under the last week.
        self.grid.setWordWrap(True)
        self.grid.setItemDelegate(DayCellDelegate(self.grid))
        self.grid.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().sectionResized.connect(self._fit_grid)
        name(self.grid, "Plan by week and day", "Each day's sessions; choosing a day previews it")
        self.length = text_label(quiet=True)
        self.length.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.add_week = button("Add week", "One more week, planned like the last one")
        self.remove_week = button("Remove last week", "Take the last week out of the plan")
        self.entries = QListWidget()
        name(self.entries, "Plan entries", "Each line: a session and when it is planned")
        self.add_entry = button("Add entry", "Plan one more session")
        self.remove_entry = button("Remove entry", "Take the chosen entry out of the plan")
        self.entry_form = PlanEntryForm()
        self.preview_heading = text_label(quiet=True)
        self.preview_heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview_source = PreviewToday()
        self._shown = now()
        self.preview = TodayPage(self.preview_source, now=lambda: self._shown, tz=UTC)
        for area in self.preview.findChildren(QScrollArea):  # Today's own: the keyboard scrolls it
            name(area, "Today preview", "What the patient sees on the day chosen in the plan")
        self._layout()
        self._connect()

    def _layout(self) -> None:
        weeks_row = QHBoxLayout()
        weeks_row.addWidget(self.length, 1)
        weeks_row.addWidget(self.add_week)
        weeks_row.addWidget(self.remove_week)
        entry_buttons = QHBoxLayout()
        entry_buttons.addWidget(self.add_entry)
        entry_buttons.addWidget(self.remove_entry)
        entry_buttons.addStretch(1)
        inside = QWidget()
        column = QVBoxLayout(inside)
        column.addLayout(weeks_row)
        column.addWidget(self.grid)
        column.addWidget(QLabel("Entries"))
        # As tall as its entries (the column scrolls): no empty box pushing the form away.
        self.entries.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        column.addWidget(self.entries)
        column.addLayout(entry_buttons)
        column.addWidget(self.entry_form)
        column.addStretch(1)
        left = _scrolling(inside)  # at 200 % on a small screen the form scrolls, never clips
        right = QWidget()
        preview_column = QVBoxLayout(right)
        preview_column.addWidget(self.preview_heading)
        preview_column.addWidget(self.preview, 1)
        em = self.fontMetrics().height()
        preview_area = _scrolling(right)
        preview_area.setMinimumSize(em * 10, em * 6)  # it scrolls: let the plan have the room
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(preview_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(self.splitter)

    def _connect(self) -> None:
        self.add_week.clicked.connect(self._on_add_week)
        self.remove_week.clicked.connect(self._on_remove_week)
        self.add_entry.clicked.connect(self._on_add_entry)
        self.remove_entry.clicked.connect(self._on_remove_entry)
        self.entries.currentRowChanged.connect(self._on_entry_chosen)
        self.grid.currentCellChanged.connect(self._on_cell_chosen)
        self.entry_form.edited.connect(self._on_entry_edited)
        self.preview.session_requested.connect(self._on_preview_start)

    # --- public -------------------------------------------------------------------------------
    def load(self, source: PackSource | None) -> None:
        self.editor = PlanEditor(source) if source is not None else None
        self.entry_form.set_editor(self.editor)
        self._refresh(entry=0, week=1, day=0)

    def refresh(self) -> None:
        """Read the plan again (the pack's sessions may have changed), keeping the choices."""
        cell = self.grid.currentRow() + 1, max(self.grid.currentColumn(), 0)
        self._refresh(max(self.entries.currentRow(), 0), max(cell[0], 1), cell[1])

    def shutdown(self) -> None:
        """The studio is closing: the preview's midnight timer stops with it."""
        self.preview.shutdown()

    def choose_entry(self, index: int) -> None:
        """Show entry `index` (a problem's place) with its first field ready to change."""
        self.entries.setCurrentRow(index)
        self.entry_form.weeks.setFocus()

    def preview_day(self, week: int, day: int) -> None:
        """Show Today as it would be in plan week `week` on weekday `day` (0 = Monday)."""
        if self.editor is None:
            return
        shown = self.preview_source.show(self.editor, week, day, self._now().date())
        self._shown = datetime.combine(shown, time(12), UTC)
        self.preview.set_palette(resolve_palette(ThemeMode.SYSTEM, _app()))
        self.preview.refresh()
        self.preview_heading.setText(
            f"Week {week}, {shown:%A}: what the patient sees (as if they began on a Monday)"
        )

    # --- building -----------------------------------------------------------------------------
    def _refresh(self, entry: int, week: int, day: int) -> None:
        editor = self.editor
        rows = editor.rows() if editor is not None else []
        self.entries.blockSignals(True)
        self.entries.clear()
        for row in rows:
            self.entries.addItem(_entry_label(row, editor))
        self.entries.blockSignals(False)
        weeks = editor.weeks() if editor is not None else 0
        self.length.setText(
            f"A {weeks}-week plan" if weeks else "No plan yet: add an entry to plan a session"
        )
        self._fill_grid(weeks)
        for widget in (self.add_week, self.remove_week, self.add_entry, self.grid, self.entries):
            widget.setEnabled(editor is not None)
        self.remove_week.setEnabled(weeks > 1)
        self.add_week.setEnabled(weeks > 0)
        if rows:
            self.entries.setCurrentRow(min(entry, len(rows) - 1))
        self._on_entry_chosen(self.entries.currentRow())
        if weeks:
            self.grid.blockSignals(True)
            self.grid.setCurrentCell(min(week, weeks) - 1, day)
            self.grid.blockSignals(False)
            self.preview_day(min(week, weeks), day)

    def _fill_grid(self, weeks: int) -> None:
        editor = self.editor
        titles = dict(editor.sessions()) if editor is not None else {}
        self.grid.blockSignals(True)
        self.grid.setRowCount(weeks)
        self.grid.setVerticalHeaderLabels([f"Week {week}" for week in range(1, weeks + 1)])
        for week in range(1, weeks + 1):
            for day in range(7):
                held = editor.cell(week, day) if editor is not None else []
                lines = [f"{f'{t}× ' if t > 1 else ''}{titles.get(s, s)}" for s, t, _n in held]
                item = QTableWidgetItem("\n".join(lines))
                notes = [f"{titles.get(s, s)}{f': {n}' if n else ''}" for s, _t, n in held]
                item.setToolTip("\n".join(notes))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, _cell_words(week, day, lines))
                self.grid.setItem(week - 1, day, item)
        self.grid.setVisible(weeks > 0)  # no plan: no empty header of weekdays
        self.grid.blockSignals(False)
        self._fit_grid()

    def _fit_grid(self) -> None:
        """Each week as tall as its longest day, the grid as tall as its weeks."""
        self.grid.resizeRowsToContents()
        self.grid.setFixedHeight(self.grid.sizeHint().height())  # it adjusts to its contents

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side when there is room; on a narrow window (or at 200 %) the preview goes
        # under the plan, where it keeps a readable width.
        narrow = event.size().width() < self.fontMetrics().height() * NARROW_EM
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            length = event.size().height() if narrow else event.size().width()
            self.splitter.setSizes([length * 3 // 5, length * 2 // 5])  # the plan gets more
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # The app's theme changed (the studio follows the desktop): the preview's card too.
        if event.type() == QEvent.Type.PaletteChange:
            self.preview.set_palette(resolve_palette(ThemeMode.SYSTEM, _app()))
        super().changeEvent(event)

    # --- events -------------------------------------------------------------------------------
    def _on_entry_chosen(self, row: int) -> None:
        self.entry_form.load(row)
        self.remove_entry.setEnabled(row >= 0)

    def _on_cell_chosen(self, row: int, column: int, *_previous: int) -> None:
        if row >= 0 and column >= 0:
            self.preview_day(row + 1, column)

    def _on_preview_start(self, address: str) -> None:
        self.preview_requested.emit(address.rpartition("/")[2])  # "pack-id/session-id"

    def _on_entry_edited(self) -> None:
        self._after_change(self.entries.currentRow())

    def _on_add_week(self) -> None:
        if self.editor is not None:
            self.editor.add_week()
            self._after_change(self.entries.currentRow(), week=self.editor.weeks())

    def _on_remove_week(self) -> None:
        if self.editor is not None:
            self.editor.remove_week()
            self._after_change(self.entries.currentRow())

    def _on_add_entry(self) -> None:
        editor = self.editor
        if editor is None or not editor.sessions():
            return
        at = editor.add_entry(editor.sessions()[0][0], range(1, max(editor.weeks(), 1) + 1))
        self._after_change(at)
        self.entry_form.session.setFocus()

    def _on_remove_entry(self) -> None:
        row = self.entries.currentRow()
        if self.editor is not None and row >= 0:
            self.editor.remove_entry(row)
            self._after_change(max(0, row - 1))

    def _after_change(self, entry: int, week: int | None = None) -> None:
        cell = self.grid.currentRow() + 1, max(self.grid.currentColumn(), 0)
        focus = QApplication.focusWidget()
        self._refresh(entry, week or max(cell[0], 1), cell[1])
        if focus is not None and focus.isVisible():
            focus.setFocus()  # typing in a field goes on in that field
        self.edited.emit()


def _entry_label(row: PlanRow, editor: PlanEditor | None) -> str:
    titles = dict(editor.sessions()) if editor is not None else {}
    mark = "⚠ " if row.problems else ""
    weeks = f"weeks {row.weeks[0]}–{row.weeks[-1]}" if len(row.weeks) > 1 else ""
    if len(row.weeks) == 1:
        weeks = f"week {row.weeks[0]}"
    return f"{mark}{titles.get(row.session, row.session)} — {weeks}, {row.times_per_day}× a day"


def _cell_words(week: int, day: int, lines: list[str]) -> str:
    held = ", ".join(lines) if lines else "nothing planned"
    return f"Week {week}, {DAY_TITLES[day]}: {held}"


def _scrolling(inside: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; they scroll in
    area.setWidget(inside)
    area.viewport().setAutoFillBackground(False)
    inside.setAutoFillBackground(False)
    return area


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
