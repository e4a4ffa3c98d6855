"""The window shell: a quiet navigation, a stack of pages, the menus. No app logic.

Pages are handed in as (name, widget) pairs, so later pages (Today, Progress) are added by the
composition root without touching this file. Each is a `Page`: it receives Esc. The menus'
titles are there for the first paint; their actions come with `add_actions` (a QAction brings
QIcon and QKeySequence into PySide6: ~5 ms the first paint does without).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from pfrelax.ui.common import texts
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.early_enums import APPLICATION_SHORTCUT, set_enum_property
from pfrelax.ui.common.page import PageWidget
from pfrelax.ui.common.screen_fit import fit_to_screen
from pfrelax.ui.player.focus_mode import FocusMode

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence

MINIMUM_SIZE = QSize(800, 560)
DEFAULT_SIZE = QSize(1280, 800)

NamedPage = tuple[str, PageWidget]


class MainWindow(QMainWindow):
    settings_requested = Signal()
    find_requested = Signal()
    quit_requested = Signal()
    closing = Signal()  # the window is closing: stop sessions and timers
    minimised = Signal()  # (the app lock may lock on it, with no filter on every event)
    page_changed = Signal(str)

    def __init__(self, pages: Sequence[NamedPage], faded: Sequence[QWidget] = ()) -> None:
        super().__init__()
        self.setWindowTitle(texts.APP_TITLE)
        # Comfortable where there is room; never larger than the screen (200 % on 1280×800).
        fit_to_screen(self, DEFAULT_SIZE, MINIMUM_SIZE)
        self.navigation = QListWidget()
        self.pages = QStackedWidget()
        self._names: list[str] = []
        self._pages: list[PageWidget] = []
        self._build_navigation()
        for page_name, widget in pages:
            self.add_page(page_name, widget)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.focus_mode = FocusMode(self, [self.navigation, self.menuBar()], list(faded))
        menus = self.menuBar()
        self.file_menu = menus.addMenu("&File")  # the composition root adds Import pack… here
        self.view_menu = menus.addMenu("&View")  # and Hide now here
        self.settings_menu = menus.addMenu("&Settings")
        self.help_menu = menus.addMenu("&Help")
        self.navigation.currentRowChanged.connect(self._on_navigation_row_changed)
        if self._names:
            self.navigation.setCurrentRow(0)

    def _build_navigation(self) -> None:
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # As wide as its longest name needs (set in add_page): at 200 % every pixel counts.
        self.navigation.setFixedWidth(self._navigation_width(""))
        self.navigation.setObjectName("navigation")
        # Quiet: no frame or box around it, only the current page softly marked.
        self.navigation.setStyleSheet(
            "QListWidget#navigation { background: transparent; border: none; padding: 0.6em; }"
        )
        name(self.navigation, "Pages", "Move between the library, the player and other pages")

    def add_page(self, page_name: str, widget: PageWidget) -> None:
        self._names.append(page_name)
        self._pages.append(widget)
        item = QListWidgetItem(page_name)
        # Sized from the font, so the list stays even at any system font size or scale.
        item.setSizeHint(QSize(0, round(self.fontMetrics().height() * 2.2)))
        self.navigation.addItem(item)
        self.navigation.setFixedWidth(
            max(self.navigation.width(), self._navigation_width(page_name))
        )
        self.pages.addWidget(widget)

    def _navigation_width(self, page_name: str) -> int:
        """Room for `page_name` with the list's padding and the item's, and a little air."""
        metrics = self.fontMetrics()
        return (
            max(metrics.horizontalAdvance(page_name), metrics.height() * 4) + metrics.height() * 3
        )

    def _action(self, text: str, key: QKeySequence | str, slot: object) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        # What setShortcut does, without its overloads for Qt.Key (which would bring the whole
        # `Qt` namespace into the window's second half; it comes a turn later, see early_enums).
        sequence = QKeySequence(key)
        action.setShortcuts([sequence] if not sequence.isEmpty() else [])
        action.triggered.connect(slot)
        # Also on the window: shortcuts of a hidden menu bar (focus mode) would not fire.
        self.addAction(action)
        return action

    def add_actions(self) -> None:
        """The menus' actions and the window's keys (the composition root, once, just after
        the first paint)."""
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.quit_requested)
        # Ctrl+Q quits even while a check-in or other dialog is open over the window. (By
        # number: the `Qt` namespace comes a turn later, see early_enums.)
        set_enum_property(self.quit_action, "shortcutContext", APPLICATION_SHORTCUT)
        self.file_menu.addAction(self.quit_action)
        self.find_action = self._action("&Find a session", "Ctrl+F", self.find_requested)
        self.focus_action = self._action("F&ocus mode", "F11", self.focus_mode.toggle)
        self.focus_action.setCheckable(True)
        self.focus_mode.changed.connect(self.focus_action.setChecked)
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.focus_action)
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.settings_requested)
        self.settings_menu.addAction(self.settings_action)
        self.stop_rules_action = self._action("&Stop rules and safety", "", self.show_stop_rules)
        self.about_action = self._action("&About pfrelax", "", self.show_about)
        self.help_menu.addAction(self.stop_rules_action)
        self.help_menu.addAction(self.about_action)
        self.escape_action = self._action("Leave focus mode or stop", "Esc", self._on_escape)

    # --- pages ------------------------------------------------------------------------------
    def lend_shortcuts(self, dialog: QWidget) -> None:
        """A window-modal dialog blocks this window's shortcuts; app-wide ones (Ctrl+Q) must
        still work, so the dialog carries them too."""
        for action in self.actions():
            if action.shortcutContext() == QtCore.Qt.ShortcutContext.ApplicationShortcut:
                dialog.addAction(action)

    def show_page(self, page_name: str) -> None:
        self.navigation.setCurrentRow(self._names.index(page_name))

    def current_page_name(self) -> str:
        row = self.navigation.currentRow()
        return self._names[row] if 0 <= row < len(self._names) else ""

    def _on_navigation_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._names):
            self.pages.setCurrentIndex(row)
            self.page_changed.emit(self._names[row])

    # --- actions ------------------------------------------------------------------------------
    def _on_escape(self) -> None:
        """Esc leaves focus mode first; otherwise the page decides (the player stops)."""
        if self.focus_mode.active:
            self.focus_mode.leave()
            return
        row = self.navigation.currentRow()
        if 0 <= row < len(self._pages):
            self._pages[row].escape()

    def all_pages(self) -> list[PageWidget]:
        """Every page, in navigation order (the composition root sets colours and shuts down)."""
        return list(self._pages)

    def close_with_dialogs(self) -> None:
        """Quit: an open check-in or preview is a window of its own; close those first, or
        the app would stay running behind them."""
        from PySide6.QtWidgets import QDialog

        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.close()

    def show_stop_rules(self) -> None:
        from pfrelax.ui.common.help_dialogs import (
            stop_rules_box,  # on demand: not for the first paint
        )

        stop_rules_box(self).exec()

    def show_about(self) -> None:
        from pfrelax.ui.common.help_dialogs import about_box  # on demand: not for the first paint

        about_box(self).exec()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            self.minimised.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.focus_mode.leave()
        self.closing.emit()
        super().closeEvent(event)
