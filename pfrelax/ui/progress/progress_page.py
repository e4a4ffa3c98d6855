"""The Progress page: the person's own check-ins over time, minutes practised, and their data.

pyqtgraph is not imported here: the chart module loads the first time there is something to
draw, so the window opens as fast as a bare one. No streaks, no "normal" ranges: only the
person's own numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.checkin import Measure
from pfrelax.core.progress import Span
from pfrelax.core.progress_view import ChartView, format_change, sessions_words
from pfrelax.core.session import Session
from pfrelax.services.progress import HEART, ProgressServices, is_extra
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog, open_checkin
from pfrelax.ui.common.page import PageWidget
from pfrelax.ui.common.scrolling import FittingScrollArea
from pfrelax.ui.common.theme import Palette, ThemeMode, mix, resolve_palette, scaled_font
from pfrelax.ui.progress.pace_results import OPEN_TEXT, PaceResultsDialog
from pfrelax.ui.progress.progress_extras import ExtraCharts, sync_items
from pfrelax.ui.settings import data_actions

if TYPE_CHECKING:
    from pfrelax.ui.progress.progress_chart import ProgressChart

PAGE_TITLE = "Progress"
EMPTY_TEXT = "Your check-ins will appear here after your first session."
WEEKLY_DUE_TEXT = "The weekly pain question is ready whenever you are."
CHANGE_DUE_TEXT = "At your next session you'll be asked how things have changed overall."
CHANGE_AFTER_WEEKLY_TEXT = (
    "Once the weekly question is answered, your next session will also ask how things have "
    "changed overall."
)
CHARTED: tuple[Measure, ...] = tuple(Measure)
_MARGIN_X = 24


class ProgressPage(PageWidget):
    """Charts of one measure at a time over a chosen range, and the check-in and data actions."""

    refreshed = Signal()  # the data was reloaded and redrawn
    data_deleted = Signal()  # "Delete all my data" went through: other pages reload too
    session_made = Signal(Session)  # "your pace" is new in My sessions: the library reloads

    def __init__(
        self,
        services: ProgressServices,
        palette: Palette | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data = services.figures
        self._checkins = services.checkins
        self._history = services.history
        self._pace = services.pace
        self.pace_dialog: PaceResultsDialog | None = None
        self._palette = palette
        self._has_history = False
        self._span_chosen = False  # by the person (or a caller): else the span fits the data
        self.chart: ProgressChart | None = None
        self.view: ChartView | None = None
        self._build()
        self._wire()
        if palette is not None:
            self.set_palette(palette)

    # --- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(PAGE_TITLE, self)
        title.setFont(scaled_font(self.font(), 1.5))
        self.span_buttons = QButtonGroup(self)
        self.span_buttons.setExclusive(True)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        for span in Span:
            button = QPushButton(span.label, self)
            button.setCheckable(True)
            button.setProperty("span", span.value)
            button.setChecked(span is Span.THREE_MONTHS)
            self.span_buttons.addButton(button)
            header.addWidget(button)
        self.measure_box = QComboBox(self)
        for measure in CHARTED:
            self.measure_box.addItem(measure.label, measure.value)
        self.measure_box.setAccessibleName("Measure shown")
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.weekly_note = QLabel(WEEKLY_DUE_TEXT, self)
        self.weekly_note.hide()
        self.change_note = QLabel(CHANGE_DUE_TEXT, self)  # quiet: news, never a task
        self.change_note.setWordWrap(True)
        self.change_note.setProperty("quiet", True)
        self.change_note.hide()
        self.pace_button = QPushButton(OPEN_TEXT, self)
        self.pace_button.hide()  # only beside the heart figures, once the finder found a pace
        options = QHBoxLayout()
        options.addWidget(self.measure_box)
        options.addWidget(self.summary, 1)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setFont(scaled_font(self.font(), 1.2))
        self.chart_holder = QWidget(self)
        QVBoxLayout(self.chart_holder).setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.chart_holder)
        self.extra_charts = ExtraCharts(self)
        self.stack.addWidget(self.extra_charts)
        self.body = QWidget(self)  # scrolls where the charts would be squeezed (200 %)
        self._scroll = FittingScrollArea(self.body, self)
        self._scroll.setAccessibleName("Progress charts")  # Tab reaches it: arrows scroll it
        self._scroll.viewport().installEventFilter(self)  # its width decides the actions' rows
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        column = QVBoxLayout(self.body)
        column.setContentsMargins(_MARGIN_X, 18, _MARGIN_X, 18)
        column.setSpacing(12)
        column.addLayout(header)
        column.addLayout(options)
        column.addLayout(self._notes_row())
        column.addWidget(self.stack, 1)
        column.addLayout(self._build_actions())

    def _notes_row(self) -> QHBoxLayout:
        """The quiet notes, the pace finder's results beside them (the summary keeps its width)."""
        notes = QVBoxLayout()
        notes.addWidget(self.weekly_note)
        notes.addWidget(self.change_note)
        row = QHBoxLayout()
        row.addLayout(notes, 1)
        row.addWidget(self.pace_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _build_actions(self) -> QBoxLayout:
        self.checkin_button = QPushButton("Check in now", self)
        self.checkin_button.setProperty("accent", True)
        self.weekly_button = QPushButton("Weekly question", self)
        self.report_button = QPushButton("Report…", self)
        self.export_button = QPushButton("Export…", self)
        self.data_button = QPushButton("Your data", self)
        menu = QMenu(self.data_button)
        self.backup_action = menu.addAction("Back up…")
        self.restore_action = menu.addAction("Restore from a backup…")
        menu.addSeparator()
        self.delete_action = menu.addAction("Delete all my data…")
        self.data_button.setMenu(menu)
        self._ask_row = QHBoxLayout()
        self._ask_row.addWidget(self.checkin_button)
        self._ask_row.addWidget(self.weekly_button)
        self._ask_row.addStretch(1)
        self._data_row = QHBoxLayout()
        self._data_row.addStretch(1)
        for button in (self.report_button, self.export_button, self.data_button):
            self._data_row.addWidget(button)
        # One row where there is room; two in a narrow window (200 % on a small screen).
        self._actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._actions.addLayout(self._ask_row)
        self._actions.addLayout(self._data_row)
        return self._actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_actions(self._scroll.viewport().width())
        return super().eventFilter(watched, event)

    def _fit_actions(self, width: int) -> None:
        needed = self._ask_row.minimumSize().width() + self._data_row.minimumSize().width()
        room = width - _MARGIN_X * 2 - self._actions.spacing()
        wide = room >= needed
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._actions.direction() != direction:
            self._actions.setDirection(direction)
            self._scroll.updateGeometry()  # the page's least width follows the rows

    def _wire(self) -> None:
        self.span_buttons.buttonToggled.connect(self._on_span_buttons_toggled)
        self.span_buttons.buttonClicked.connect(self._on_span_buttons_clicked)
        self.measure_box.currentIndexChanged.connect(self._on_measure_box_changed)
        # Bound methods rather than lambdas over self: PySide holds them weakly (no cycles).
        self.checkin_button.clicked.connect(self._on_checkin_button_clicked)
        self.weekly_button.clicked.connect(self._on_weekly_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        self.delete_action.triggered.connect(self._on_delete_triggered)
        self.pace_button.clicked.connect(self._on_pace_button_clicked)

    # --- state ------------------------------------------------------------------------------
    @property
    def span(self) -> Span:
        checked = self.span_buttons.checkedButton()
        return Span(str(checked.property("span"))) if checked else Span.THREE_MONTHS

    def set_span(self, span: Span) -> None:
        """Show `span` from now on, whatever the data (as a click on its button does)."""
        self._span_chosen = True
        self._check_span(span)
        self.redraw()

    def _check_span(self, span: Span) -> None:
        self.span_buttons.blockSignals(True)  # the caller draws once, after
        for button in self.span_buttons.buttons():
            if button.property("span") == span.value:
                button.setChecked(True)
        self.span_buttons.blockSignals(False)

    @property
    def measure(self) -> Measure:
        return Measure(str(self.measure_box.currentData()))

    def set_measure(self, measure: Measure) -> None:
        self.measure_box.setCurrentIndex(CHARTED.index(measure))

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        # The chosen range reads as chosen: a soft accent fill, not only a pressed look.
        selected = mix(palette.color("surface"), palette.color("accent"), 0.3).name()
        sheet = (
            f"QPushButton:checked {{ background-color: {selected}; "
            f"border-color: {palette.accent}; }}"
        )
        for button in self.span_buttons.buttons():
            button.setStyleSheet(sheet)
        if self.chart is not None:
            self.chart.set_palette(palette)
        self.extra_charts.set_palette(palette)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    # --- data -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Every time: what was saved elsewhere since it was last shown must be on it.
        self.refresh()

    def refresh(self) -> None:
        """Check the store for news (first history, the weekly question) and redraw."""
        self._has_history = self.data.has_history()
        weekly_due = self.data.weekly_due()
        self.weekly_note.setVisible(weekly_due)
        self._show_change_note(weekly_due)
        sync_items(self.measure_box, len(CHARTED), self.data.extra_items())
        if self._has_history and not self._span_chosen:
            self._check_span(self.data.fitting_span())
        self._redraw_now()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # place the weekly note now, not one frame later
        self.refreshed.emit()

    def _show_change_note(self, weekly_due: bool) -> None:
        """The global change question comes after a session, one question at a time."""
        due = self.data.global_change_due()
        self.change_note.setText(CHANGE_AFTER_WEEKLY_TEXT if weekly_due else CHANGE_DUE_TEXT)
        self.change_note.setVisible(due)

    def redraw(self) -> None:
        """Query the shown measure over the shown range and draw it.

        Only that measure and range are read, so a short range of a long history stays quick.
        """
        if self.isVisible():
            self._redraw_now()

    def _redraw_now(self) -> None:
        heart = self._has_history and self.measure_box.currentData() == HEART
        self.pace_button.setVisible(heart and self._pace is not None and bool(self._pace.latest()))
        if not self._has_history:
            self.stack.setCurrentWidget(self.empty_label)
            self.summary.clear()
            return
        now_local = self.data.now_local()
        if is_extra(data := self.measure_box.currentData()):
            self._draw_extra(str(data), now_local)
            return
        self.view = self.data.chart_view(self.measure, self.span, now_local)
        chart = self._ensure_chart()
        chart.show_view(self.view, self.data.run_title)
        self.summary.setText(summary_text(self.view))
        self.stack.setCurrentWidget(self.chart_holder)

    def _draw_extra(self, data: str, now_local: int) -> None:
        """The practice log, global change or a PT's own question over the shown range."""
        since = self.span.start(now_local)
        view = self.data.extra_view(data, since)
        palette = self._palette or resolve_palette(ThemeMode.SYSTEM, _app())
        first = min((x for p in view.panels for s in p.series for x in s.xs), default=now_local)
        start = since if since is not None else min(first, now_local - 13 * 86400)
        self.extra_charts.show_view(view, palette, start, now_local + 86400)
        self.summary.setText(view.summary)
        self.stack.setCurrentWidget(self.extra_charts)

    def _ensure_chart(self) -> ProgressChart:
        if self.chart is None:
            from pfrelax.ui.progress.progress_chart import ProgressChart  # pyqtgraph loads only now

            palette = self._palette or resolve_palette(ThemeMode.SYSTEM, _app())
            self.chart = ProgressChart(palette, self.chart_holder)
            layout = self.chart_holder.layout()
            assert layout is not None  # set in _build
            layout.addWidget(self.chart)
        return self.chart

    # --- actions ----------------------------------------------------------------------------
    def open_checkin(self, moment: str) -> CheckinDialog:
        dialog = open_checkin(self, self._checkins, moment)
        dialog.checkin_saved.connect(self._on_dialog_checkin_saved)
        return dialog

    def _on_dialog_checkin_saved(self, _checkin_id: int, _values: dict[str, int | None]) -> None:
        self.refresh()

    def _on_span_buttons_toggled(self, _button: QPushButton, checked: bool) -> None:
        if checked:
            self.redraw()

    def _on_span_buttons_clicked(self, _button: QPushButton) -> None:
        self._span_chosen = True  # the person's choice stands from now on

    def _on_measure_box_changed(self, _index: int) -> None:
        self.redraw()

    def open_pace_results(self) -> PaceResultsDialog | None:
        """The kept pace finder results, newest first; None when there are none."""
        results = [] if self._pace is None else self._pace.results()
        if self._pace is None or not results:
            return None
        self.pace_dialog = PaceResultsDialog(results, self._pace.make_session, self)
        self.pace_dialog.session_made.connect(self.session_made)
        self.pace_dialog.open()
        return self.pace_dialog

    def _on_pace_button_clicked(self) -> None:
        self.open_pace_results()

    def _on_checkin_button_clicked(self) -> None:
        self.open_checkin("standalone")

    def _on_weekly_button_clicked(self) -> None:
        self.open_checkin("weekly")

    def _on_report_button_clicked(self) -> None:
        data_actions.open_report(self, self._history, self.data.today())

    def _on_export_button_clicked(self) -> None:
        data_actions.export_history(self, self._history)

    def _on_backup_triggered(self) -> None:
        data_actions.back_up(self, self._history)

    def _on_restore_triggered(self) -> None:
        if data_actions.restore(self, self._history):
            self.refresh()

    def _on_delete_triggered(self) -> None:
        if data_actions.delete_all(self, self._history):
            self.refresh()
            self.data_deleted.emit()


def summary_text(view: ChartView) -> str:
    """A quiet line under the range: sessions, minutes, and the median change in this measure."""
    minutes = round(view.total_minutes)
    parts = [sessions_words(view.sessions, view.partial), f"{minutes} minutes practised"]
    change = view.median_change
    if change is not None:
        label = view.measure.label.lower()
        parts.append(f"median change in {label} during a session: {format_change(change)}")
    return " · ".join(parts)


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # a page exists only inside a widgets app
    return app
