"""Plain-text labels sized from the system font: the one way pages make their words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from pfrelax.ui.common.early_enums import (
    ALIGN_HCENTER,
    ALIGN_TOP,
    PLAIN_TEXT,
    TEXT_SELECTABLE_BY_MOUSE,
    set_enum_property,
)
from pfrelax.ui.common.theme import scaled_font


def text_label(text: str = "", *, quiet: bool = False, factor: float = 1.0) -> QLabel:
    """A wrapping, selectable label at `factor` × the body size; `quiet` uses the quiet colour."""
    label = QLabel(text)
    # By number: the library's labels are made before the first paint (see early_enums).
    set_enum_property(label, "textFormat", PLAIN_TEXT)  # session files are text, never markup
    label.setWordWrap(True)
    set_enum_property(label, "alignment", ALIGN_HCENTER | ALIGN_TOP)
    label.setFont(scaled_font(label.font(), factor))
    set_enum_property(label, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
    if quiet:
        label.setProperty("quiet", True)
    return label
