"""Qt enum values the window sets before its first paint, by number through Qt's properties.

PySide6 builds the whole `Qt` namespace (~100 Python enums, 16-25 ms of CPU on this 2-core
machine) the first time any of it is used; the first screen needs a few of its values and nothing
else. A `Q_PROPERTY` written with a plain int takes the enum's value (Qt converts it), so these
set the same value without the namespace. Each number is the Qt value of the name beside it;
tests/gui/test_early_enums.py checks them against `Qt`. After the first paint, use `Qt`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

APPLICATION_SHORTCUT = 2  # Qt.ShortcutContext.ApplicationShortcut
WIDGET_WITH_CHILDREN_SHORTCUT = 3  # Qt.ShortcutContext.WidgetWithChildrenShortcut
ALIGN_LEFT = 0x0001  # Qt.AlignmentFlag.AlignLeft
ALIGN_HCENTER = 0x0004  # Qt.AlignmentFlag.AlignHCenter
ALIGN_TOP = 0x0020  # Qt.AlignmentFlag.AlignTop
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
TEXT_SELECTABLE_BY_MOUSE = 1  # Qt.TextInteractionFlag.TextSelectableByMouse
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def set_enum_property(target: QObject, name: str, value: int) -> None:
    """Set the enum-valued property `name` of `target` to `value` (one of the numbers above)."""
    if not target.setProperty(name, value):
        # Not a property of the class (a typo would otherwise make a dynamic one silently).
        raise AttributeError(f"{type(target).__name__} has no property {name!r}")
