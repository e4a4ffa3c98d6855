"""The player's keyboard: window-wide shortcuts while it shows, and its tab order."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

# (what it does, its key, the slot)
KeyBinding = tuple[str, str, Callable[[], None]]


def key_actions(owner: QWidget, keys: Sequence[KeyBinding]) -> list[QAction]:
    """One action per key, added to `owner`."""
    actions = []
    for text, key, slot in keys:
        action = QAction(text, owner)
        action.setShortcut(QKeySequence(key))
        # Window-wide while the owner shows (enabled in its showEvent), so the keys work
        # wherever focus is, e.g. on a transport button.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
        actions.append(action)
    return actions


def chain_tab_order(owner: QWidget, chain: Sequence[QWidget]) -> None:
    """Tab moves through `chain` in order."""
    for first, second in itertools.pairwise(chain):
        owner.setTabOrder(first, second)
