"""The library: calm session cards with search and a tag filter, and the chosen one's details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal, SignalInstance
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.ui.common import texts
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.early_enums import (
    ALIGN_LEFT,
    ALIGN_TOP,
    SCROLL_BAR_ALWAYS_OFF,
    WIDGET_WITH_CHILDREN_SHORTCUT,
    set_enum_property,
)
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.common.page import PageWidget
from pfrelax.ui.common.theme import Palette, scaled_font
from pfrelax.ui.library.library_model import (
    MINUTES_ROLE,
    SESSION_ROLE,
    SessionFilter,
    SessionListModel,
    session_of,
)
from pfrelax.ui.library.my_session_buttons import MySessionButtons, UndoBar

if TYPE_CHECKING:  # imported on first use (session_of), after the first paint
    from pfrelax.core.session import Session

ALL_TAGS = "All sessions"
_DETAIL_WIDTH_EM = 22
_LIST_MIN_EM = 22  # below this beside the details, the details give way (200 %, small screens)
_SEARCH_MIN_EM = 9  # the search field keeps room for its words ("S…" is no field at all)


class SessionDetails(QWidget):
    """The selected session: what it is, how long, its safety note, the source on demand."""

    start_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label()
        self.title.setFont(scaled_font(self.font(), 1.5, QFont.Weight.Light))
        self.length = text_label(quiet=True)
        self.summary = text_label()
        self.tags = text_label(quiet=True)
        self.safety = text_label()
        self.safety.setProperty("note", True)
        self.source_toggle = QToolButton()
        self.source_toggle.setText("About this session")
        self.source_toggle.setCheckable(True)
        self.source_toggle.setAutoRaise(True)
        self.source_toggle.toggled.connect(self._on_source_toggle_toggled)
        name(self.source_toggle, "About this session", "Show or hide where this session comes from")
        self.source = text_label(quiet=True)
        self.source.hide()
        self.start_button = QPushButton("Open in player")
        self.start_button.setProperty("accent", True)
        self.start_button.clicked.connect(self.start_clicked)
        name(self.start_button, "Open in player", "Open the selected session in the player")
        self.mine = MySessionButtons()
        column = QVBoxLayout(self)
        column.setSpacing(round(self.fontMetrics().height() * 0.6))
        # Enums by number, before the first paint (see early_enums); the buttons keep their
        # own width at the left, as AlignLeft would (a layout's alignment has no property).
        for widget in (self.title, self.length, self.summary, self.tags, self.safety):
            set_enum_property(widget, "alignment", ALIGN_LEFT | ALIGN_TOP)
            column.addWidget(widget)
        column.addLayout(_at_the_left(self.start_button))
        column.addWidget(self.mine)
        column.addLayout(_at_the_left(self.source_toggle))
        set_enum_property(self.source, "alignment", ALIGN_LEFT | ALIGN_TOP)
        column.addWidget(self.source)
        column.addStretch(1)
        self.setFixedWidth(self.fontMetrics().height() * _DETAIL_WIDTH_EM)
        self.show_session(None)

    def show_session(self, session: Session | None, minutes: int | None = None) -> None:
        """Describe `session`; `minutes` is its length as its card shows it."""
        for widget in (self.title, self.length, self.summary, self.tags, self.safety):
            widget.setVisible(session is not None)
        self.start_button.setEnabled(session is not None)
        self.mine.show_for(session)
        self.source_toggle.setVisible(session is not None and bool(session.source))
        self.source.setVisible(self.source_toggle.isVisible() and self.source_toggle.isChecked())
        if session is None:
            return
        steps = texts.count_steps(len(session.steps))
        self.title.setText(session.title)
        self.length.setText(f"{minutes} min · {steps}" if minutes else steps)
        self.summary.setText(session.summary)
        self.tags.setText(" · ".join(session.tags))
        self.safety.setText(session.safety)
        self.safety.setVisible(bool(session.safety))
        self.source.setText(f"Source: {session.source}")

    def _on_source_toggle_toggled(self, checked: bool) -> None:
        self.source.setVisible(checked)

    def use_hand_cursors(self) -> None:
        """The pointing hand over the buttons, with the first sessions: a cursor is not painted,
        and `Qt.CursorShape` would bring the whole `Qt` namespace into the first paint."""
        for button in (self.start_button, *self.mine.buttons()):
            button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)


def _at_the_left(widget: QWidget) -> QHBoxLayout:
    """`widget` at its own width at the left of a row (what AlignLeft does in a column)."""
    row = QHBoxLayout()
    row.setSpacing(0)
    row.addWidget(widget)
    row.addStretch(1)
    return row


def _at_the_bottom(widget: QWidget) -> QVBoxLayout:
    """`widget` at the bottom of a row's height (what AlignBottom does in a row)."""
    column = QVBoxLayout()
    column.setSpacing(0)
    column.addStretch(1)
    column.addWidget(widget)
    return column


class LibraryPage(PageWidget):
    # Each carries a Session (declared as object: the session types are not imported before
    # the window's first paint).
    session_chosen = Signal(object)  # open it in the player
    new_requested = Signal()
    copy_requested = Signal(object)
    edit_requested = Signal(object)
    rename_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SessionListModel(self)
        self.filter = SessionFilter(self)
        self.filter.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search sessions")
        # The clear button comes with the sessions (set_sessions): its icon-theme lookup took
        # ~20 ms before the first paint, and an empty field does not show it anyway.
        name(self.search, "Search sessions", "Type words from a session's title or summary")
        self.tag = QComboBox()
        name(self.tag, "Show sessions tagged", "Show only the sessions with this tag")
        self.list = QListView()
        self.list.setModel(self.filter)
        self._cards = False  # the card painter is added with the first sessions (see set_sessions)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMouseTracking(True)
        self.list.setSpacing(2)
        name(self.list, "Sessions", "Press Enter or double-click to open a session in the player")
        self.details = SessionDetails()
        self.heading = QLabel("Library")
        self.heading.setFont(scaled_font(self.font(), 1.6, QFont.Weight.Light))
        self.new_button = QPushButton("New session…")
        name(self.new_button, "New session", "Make a breathing session of your own")
        self.undo_bar = UndoBar()
        self._undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        set_enum_property(self._undo, "context", WIDGET_WITH_CHILDREN_SHORTCUT)
        self._layout()
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.tag.currentIndexChanged.connect(self._on_tag_changed)
        self.list.activated.connect(self._on_list_activated)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.details.start_clicked.connect(self.start_current)
        self._connect_my_sessions()
        self.setTabOrder(self.search, self.tag)
        self.setTabOrder(self.tag, self.list)
        self.setTabOrder(self.list, self.details.start_button)
        self.setTabOrder(self.details.start_button, self.details.source_toggle)

    def _layout(self) -> None:
        em = self.fontMetrics().height()
        self.search.setMinimumWidth(em * _SEARCH_MIN_EM)
        # The tag list may shrink to a few letters rather than squeeze the search field.
        self.tag.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag.setMinimumContentsLength(8)
        # Cards are as wide as the list; a narrow list wraps their words, it never scrolls sideways.
        set_enum_property(self.list, "horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        # Cards are laid out again when the list's width changes: their heights follow their
        # words. (Qt re-lays a top-to-bottom list out on a change of width only with word wrap.)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.tag, 1)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addLayout(_at_the_bottom(self.new_button))
        left = QVBoxLayout()
        left.addLayout(top)
        left.addLayout(filters)
        left.addWidget(self.undo_bar)
        left.addWidget(self.list, 1)
        self._row = QHBoxLayout(self)
        self._row.addLayout(left, 1)
        self._row.addWidget(self.details)
        self._reflow()

    @property
    def compact(self) -> bool:
        """Too narrow for the details beside the list: the cards alone, with smaller margins."""
        em = self.fontMetrics().height()
        return self.width() < em * (_DETAIL_WIDTH_EM + _LIST_MIN_EM + 6)

    def _reflow(self) -> None:
        compact = self.compact
        margin = self.fontMetrics().height() * (1 if compact else 2)
        self._row.setContentsMargins(margin, margin, margin, margin)
        self._row.setSpacing(margin)
        self.details.setVisible(not compact)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.details.isHidden() != self.compact:
            self._reflow()

    # --- public -----------------------------------------------------------------------------
    def set_sessions(self, sessions: list[Session]) -> None:
        if sessions and not self._cards:
            self._use_cards()
        if sessions:
            self.search.setClearButtonEnabled(True)
        self.model.set_sessions(sessions)
        tags = sorted({tag for session in sessions for tag in session.tags}, key=str.casefold)
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(ALL_TAGS, "")
        for tag in tags:
            self.tag.addItem(tag.capitalize(), tag)
        self.tag.blockSignals(False)
        self._select_first()

    def _use_cards(self) -> None:
        """Paint sessions as cards. Not before there are any: the window's first paint (an
        empty list, filled in just after) then does without the card module and its styles."""
        from pfrelax.ui.library.session_card import SessionCardDelegate

        self.list.setItemDelegate(SessionCardDelegate(self.list))
        self.details.use_hand_cursors()
        self._cards = True

    def set_palette(self, palette: Palette) -> None:
        self.setStyleSheet(
            f"""QLabel[quiet="true"] {{ color: {palette.quiet_text}; }}
            QLabel[note="true"] {{ background-color: {palette.surface};
                border-radius: 10px; padding: 0.7em 1em; }}
            QToolButton {{ border: none; color: {palette.accent}; padding: 0.2em 0; }}"""
        )

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def visible_sessions(self) -> list[Session]:
        found = []
        for row in range(self.filter.rowCount()):
            session = session_of(self.filter.index(row, 0).data(SESSION_ROLE))
            if session is not None:
                found.append(session)
        return found

    def current_session(self) -> Session | None:
        return session_of(self.list.currentIndex().data(SESSION_ROLE))

    def select(self, session_id: str) -> None:
        """Make the session with `session_id` the current one (after it was made or changed)."""
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            session = session_of(index.data(SESSION_ROLE))
            if session is not None and session.id == session_id:
                self.list.setCurrentIndex(index)
                return

    def start_current(self) -> None:
        session = self.current_session()
        if session is not None:
            self.session_chosen.emit(session)

    # --- events -------------------------------------------------------------------------------
    def _connect_my_sessions(self) -> None:
        # Bound methods, not lambdas: a lambda holding `self` keeps the page alive after close.
        self.new_button.clicked.connect(self.new_requested)
        buttons = self.details.mine
        buttons.copy_clicked.connect(self._on_copy_clicked)
        buttons.edit_clicked.connect(self._on_edit_clicked)
        buttons.rename_clicked.connect(self._on_rename_clicked)
        buttons.delete_clicked.connect(self._on_delete_clicked)
        self._undo.activated.connect(self._on_undo_activated)

    def _on_copy_clicked(self) -> None:
        self._request(self.copy_requested)

    def _on_edit_clicked(self) -> None:
        self._request(self.edit_requested)

    def _on_rename_clicked(self) -> None:
        self._request(self.rename_requested)

    def _on_delete_clicked(self) -> None:
        self._request(self.delete_requested)

    def _request(self, request: SignalInstance) -> None:
        session = self.current_session()
        if session is not None:
            request.emit(session)

    def _on_undo_activated(self) -> None:
        if self.undo_bar.isVisible():
            self.undo_bar.undo_clicked.emit()

    def _select_first(self) -> None:
        current = self.current_session()
        if current is not None and current in self.visible_sessions():
            return
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            if session_of(index.data(SESSION_ROLE)) is not None:
                self.list.setCurrentIndex(index)
                return
        self.details.show_session(None)

    def _on_search_text_changed(self, text: str) -> None:
        self.filter.set_text(text)
        self._select_first()

    def _on_tag_changed(self, _index: int) -> None:
        self.filter.set_tag(str(self.tag.currentData() or ""))
        self._select_first()

    def _on_list_activated(self, index: QModelIndex) -> None:
        session = session_of(index.data(SESSION_ROLE))
        if session is not None:
            self.session_chosen.emit(session)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        minutes = current.data(MINUTES_ROLE)
        self.details.show_session(
            session_of(current.data(SESSION_ROLE)), minutes if isinstance(minutes, int) else None
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In the search field: Enter opens the highlighted match, Down moves into the list.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                self.start_current()
                return True
            if event.key() == QtCore.Qt.Key.Key_Down:
                self.list.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
