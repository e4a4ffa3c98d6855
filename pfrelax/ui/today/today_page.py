"""Today: each started plan's sessions for today, this week's practice, and the PT's words.

The page asks an injected `now()` and time zone for the date, and refreshes itself at the next
local midnight with one single-shot timer that runs only while the page is shown (a 25-hour
daylight-saving day is counted in real time, not wall-clock time). It also refreshes every time
it is shown, so a session just practised, a laptop woken from sleep or a trip across time zones
shows at once. Wording is gentle: no streaks, nothing "missed", nothing red.
"""

from __future__ import annotations

from datetime import UTC, timedelta, tzinfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.plan import today_in
from pfrelax.core.prose import reflow
from pfrelax.core.today import (
    PackDay,
    TodayRow,
    build_today,
    day_start,
    next_local_midnight,
    practice_window,
)
from pfrelax.services.errors import StoreError
from pfrelax.services.today import TodaySource
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.local_time import Now, system_zone, utc_now
from pfrelax.ui.common.page import PageWidget
from pfrelax.ui.common.store_recovery import tell
from pfrelax.ui.common.theme import Palette, mix, scaled_font
from pfrelax.ui.today.take_along_buttons import TakeAlongButtons, TakeAlongNeeds

EMPTY_TITLE = "Your plan will appear here"
IMPORT_MENU = "File\u00a0→\u00a0Import\u00a0pack…"  # no-break spaces keep the menu path whole
EMPTY_TEXT = (
    "A pack holds the sessions and the plan your physical therapist chose for you. When they "
    f"give you one, import it with {IMPORT_MENU} or drop it here, and this page shows what is "
    "planned, one day at a time."
)
NO_PLAN_TEXT = (
    "The packs you have installed have no plan, so there is nothing to schedule. Their sessions "
    "are in the Library, whenever you want them."
)
READING_WIDTH_EM = 48
MIDNIGHT_MARGIN_MS = 1000  # fire just after midnight, never just before it
MAX_TIMER_MS = 2**31 - 1


def _label(text: str = "", *, quiet: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is text, never markup
    label.setWordWrap(True)
    if scale != 1.0:
        label.setFont(scaled_font(label.font(), scale))
    if quiet:
        label.setProperty("quiet", True)
    return label


class TodayPage(PageWidget):
    session_requested = Signal(str)  # a session's address: open it in the player
    plan_started = Signal(str)  # pack id whose plan the person just started

    def __init__(
        self,
        source: TodaySource,
        *,
        now: Now = utc_now,
        tz: tzinfo | None = None,
        take_along: TakeAlongNeeds | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        # The plan's calendar and audio, when the app can find the plan's sessions.
        self.take_along = None if take_along is None else TakeAlongButtons(source.plans, take_along)
        self._now = now
        self._tz = tz if tz is not None else system_zone()
        self.told: QMessageBox | None = None  # the last note that something was not saved
        self._days: list[PackDay] = []
        self.midnight_timer = QTimer(self)
        self.midnight_timer.setObjectName("today-midnight")
        self.midnight_timer.setSingleShot(True)
        self.midnight_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.midnight_timer.timeout.connect(self._on_midnight_timer_timeout)
        self.heading = _label("Today")
        self.heading.setFont(scaled_font(self.font(), 1.6, QFont.Weight.Light))
        self.date_line = _label(quiet=True)
        self.sections = QVBoxLayout()
        self.empty = self._build_empty()
        self.stack = QStackedWidget()
        self._layout()
        self.refresh()

    def _build_empty(self) -> QWidget:
        words = QWidget()
        words.setMaximumWidth(self.fontMetrics().height() * 30)
        column = QVBoxLayout(words)
        column.setSpacing(round(self.fontMetrics().height() * 0.6))
        self.empty_title = _label(EMPTY_TITLE, scale=1.3)
        self.empty_text = _label(EMPTY_TEXT, quiet=True)
        for label in (self.empty_title, self.empty_text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(words, 100)
        row.addStretch(1)
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
        return box

    def _layout(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        em = self.fontMetrics().height()
        column.setContentsMargins(0, 0, round(em / 2), 0)  # room for the scroll bar
        column.addLayout(self.sections)
        if self.take_along is not None:  # right under the plan it takes along, not at the foot
            column.addWidget(self.take_along)
        column.addStretch(1)
        self.sections.setSpacing(em)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.empty)
        centre = QWidget()
        # A comfortable reading width, centred: long lines are hard to follow when anxious.
        centre.setMaximumWidth(em * READING_WIDTH_EM)
        inner = QVBoxLayout(centre)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(round(em / 2))
        inner.addWidget(self.heading)
        inner.addWidget(self.date_line)
        inner.addSpacing(round(em / 2))
        inner.addWidget(self.stack, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(em * 2, em * 2, em * 2, em * 2)
        outer.addStretch(1)
        outer.addWidget(centre, 100)
        outer.addStretch(1)

    # --- public -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read plans and practice again and show them for the current local date."""
        today = today_in(self._tz, self._now)
        plans = self._source.plans()
        window = practice_window(plans, today)
        practice = []
        if window is not None:
            start = day_start(window[0], self._tz)
            end = next_local_midnight(day_start(window[1], self._tz), self._tz)
            practice = self._source.practice(start, end)
        self._days = build_today(plans, practice, today, self._tz)
        self.date_line.setText(f"{today:%A} {today.day} {today:%B}")
        self._show_days(self._days, bool(plans))
        if self.take_along is not None:
            self.take_along.setVisible(any(plan.entries for plan in plans))
        if self.isVisible():
            self._arm_midnight_timer()

    def days(self) -> list[PackDay]:
        """What the page shows now, section by section."""
        return list(self._days)

    def set_palette(self, palette: Palette) -> None:
        surface = palette.color("surface")
        border = mix(surface, palette.color("text"), 0.12).name()
        self.setStyleSheet(
            f"""QLabel[quiet="true"] {{ color: {palette.quiet_text}; }}
            QFrame#todayCard {{ background-color: {palette.surface};
                border: 1px solid {border}; border-radius: 14px; }}
            QLabel[message="true"] {{ border: none; border-left: 3px solid {palette.accent};
                padding: 0.3em 0 0.3em 0.9em; }}"""
        )

    def shutdown(self) -> None:
        """Stop the midnight timer and an audio export (the window is closing)."""
        self.midnight_timer.stop()
        if self.take_along is not None:
            self.take_along.shutdown()

    # --- building ----------------------------------------------------------------------------
    def _show_days(self, days: list[PackDay], any_plan: bool) -> None:
        while (item := self.sections.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for day in days:
            card = self._card(day)
            self.sections.addWidget(card)
            card.show()  # now, not on the next event loop turn: the page is read right after
        self.empty_text.setText(NO_PLAN_TEXT if any_plan else EMPTY_TEXT)
        self.stack.setCurrentIndex(0 if days else 1)

    def _card(self, day: PackDay) -> QFrame:
        card = QFrame()
        card.setObjectName("todayCard")
        card.setProperty("pack_id", day.pack_id)
        column = QVBoxLayout(card)
        pad = round(self.fontMetrics().height() * 1.2)
        column.setContentsMargins(pad, pad, pad, pad)
        column.setSpacing(round(pad / 3))
        header = QHBoxLayout()
        header.addWidget(_label(day.title, scale=1.3), 1)
        if day.week_label:
            header.addWidget(_label(day.week_label, quiet=True), 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(header)
        if day.author:
            column.addWidget(_label(f"From {day.author}", quiet=True))
        if day.message:  # the PT's own words, near their name
            column.addSpacing(round(pad / 3))
            message = _label(f"“{reflow(day.message)}”")
            message.setProperty("message", True)
            column.addWidget(message)
        column.addSpacing(round(pad / 2))
        if day.status_line:
            column.addWidget(_label(day.status_line))
        for row in day.rows:
            column.addLayout(self._row(row))
        for line in day.plan_lines:
            column.addWidget(_label(line))
        if day.state == "not_started":
            column.addSpacing(round(pad / 3))
            column.addWidget(self._start_plan_button(day), 0, Qt.AlignmentFlag.AlignLeft)
        week = [line for line in (day.totals_line, day.days_line) if line]
        if week:
            column.addSpacing(round(pad / 2))
        for line in week:
            column.addWidget(_label(line, quiet=True))
        return card

    def _row(self, row: TodayRow) -> QHBoxLayout:
        line = QHBoxLayout()
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(_label(row.line, scale=1.1))
        if row.note:
            words.addWidget(_label(row.note, quiet=True))
        line.addLayout(words, 1)
        button = QPushButton("Start")
        button.setProperty("accent", row.done < row.times)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setProperty("address", row.address)
        name(button, f"Start {row.title}", f"Open {row.title} in the player")
        button.clicked.connect(lambda _=False, address=row.address: self._on_start(address))
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return line

    def _start_plan_button(self, day: PackDay) -> QPushButton:
        button = QPushButton("Start this plan")
        button.setProperty("accent", True)
        button.setProperty("pack_id", day.pack_id)
        name(button, f"Start the plan {day.title}", "Week 1 begins today")
        button.clicked.connect(lambda _=False, pack_id=day.pack_id: self._on_start_plan(pack_id))
        return button

    # --- events -------------------------------------------------------------------------------
    def _on_start(self, address: str) -> None:
        self.session_requested.emit(address)

    def _on_start_plan(self, pack_id: str) -> None:
        try:
            self._source.start_plan(pack_id, today_in(self._tz, self._now))
        except StoreError as error:  # one transaction: the plan is simply not started
            self.told = tell(self, "Start this plan", f"The plan was not started: {error}")
            return
        self.refresh()
        self.plan_started.emit(pack_id)

    def _arm_midnight_timer(self) -> None:
        now = self._now()
        wait = next_local_midnight(now, self._tz) - now.astimezone(UTC)
        ms = wait // timedelta(milliseconds=1) + MIDNIGHT_MARGIN_MS
        self.midnight_timer.start(max(MIDNIGHT_MARGIN_MS, min(ms, MAX_TIMER_MS)))

    def _on_midnight_timer_timeout(self) -> None:
        self.refresh()  # re-arms the timer for the next midnight

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.midnight_timer.stop()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
