"""Plain-text labels sized from the system font: the one way pages make their words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pfrelax.ui.common.theme import scaled_font


def text_label(text: str = "", *, quiet: bool = False, factor: float = 1.0) -> QLabel:
    """A wrapping, selectable label at `factor` × the body size; `quiet` uses the quiet colour."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # session files are text, never markup
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    label.setFont(scaled_font(label.font(), factor))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if quiet:
        label.setProperty("quiet", True)
    return label
