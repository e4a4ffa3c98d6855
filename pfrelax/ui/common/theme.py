"""The calm palettes (VISUAL.md), the light/dark choice, and the app-wide QPalette + stylesheet.

Font sizes are never fixed here: the stylesheet inherits the system font, and `scaled_font`
derives the larger phase/prompt/caption fonts from it, so the system's text size and 200 %
scaling are respected. The composition root should also pick the Fusion style, which follows
the QPalette faithfully on every platform.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from PySide6 import QtCore
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

Role = Literal[
    "background",
    "surface",
    "text",
    "quiet_text",
    "breath_in",
    "breath_out",
    "hold",
    "accent",
    "edge",
]


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours by role, as "#rrggbb". Breath colours are for shapes; text uses the text roles."""

    name: str
    background: str
    surface: str
    text: str
    quiet_text: str
    breath_in: str
    breath_out: str
    hold: str
    accent: str
    edge: str
    """The outline of a control one types in or ticks: >= 3:1 on background and surface."""

    @property
    def is_dark(self) -> bool:
        return QColor.fromRgba(_rgba(self.background)).lightnessF() < 0.5

    def color(self, role: Role) -> QColor:
        # A new QColor from the colour parsed once: the breathing picture asks for a few every
        # frame, and parsing "#rrggbb" costs four times this (a copy, so callers may change it).
        return QColor.fromRgba(_rgba(str(getattr(self, role))))


@functools.cache
def _rgba(name: str) -> int:
    """The colour `name` ("#rrggbb") as a 32-bit ARGB value, parsed once."""
    return QColor(name).rgba()


DARK = Palette(
    name="dark",
    background="#141B24",
    surface="#1C2530",
    text="#E6ECF2",
    quiet_text="#9AA8B5",
    breath_in="#4FB3A9",
    breath_out="#8E8CD8",
    hold="#D8C7A0",
    accent="#7FB8E6",
    edge="#6E7B88",
)

LIGHT = Palette(
    name="light",
    background="#F5F1EA",
    surface="#FFFFFF",
    text="#1F2A33",
    quiet_text="#5B6770",
    breath_in="#2E8C83",
    breath_out="#6B69C2",
    hold="#8C7440",
    accent="#2F6FA6",
    edge="#78726B",
)


class ThemeMode(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# Relative type sizes from VISUAL.md, as multiples of the system body font.
PHASE_LABEL_SCALE = 2.2
PROMPT_SCALE = 1.2
CAPTION_SCALE = 1.1


def resolve_palette(mode: ThemeMode, app: QGuiApplication, *, ask_scheme: bool = True) -> Palette:
    """The palette for `mode`; SYSTEM follows the desktop's colour scheme.

    Without `ask_scheme`, SYSTEM is read from the window colour of the desktop's own palette
    (the app's before `apply_theme`), which the platform builds from the same scheme: that
    answer needs no `Qt` namespace, whose ~100 enums PySide6 builds on first use (~16 ms), so
    the first paint does without them (`Appearance` asks the scheme itself just after it).
    """
    if mode is ThemeMode.DARK:
        return DARK
    if mode is ThemeMode.LIGHT:
        return LIGHT
    if ask_scheme:
        scheme = app.styleHints().colorScheme()
        if scheme == QtCore.Qt.ColorScheme.Dark:
            return DARK
        if scheme == QtCore.Qt.ColorScheme.Light:
            return LIGHT
    # Some platforms (and X11 without a desktop portal) do not report a scheme; the
    # window colour of the platform palette still tells light from dark.
    window = app.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightnessF() < 0.5 else LIGHT


def rgb_f(color: QColor) -> tuple[float, float, float, float]:
    """The colour's red, green, blue and alpha (0–1), in one call to Qt."""
    # Not `cast`: that is one more Python call, and colours are read ~10 times a frame.
    return color.getRgbF()  # type: ignore[return-value]  # the binding's stub says object


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` glided `t` (0–1) of the way to `b`, alpha included."""
    # One call for each colour's channels: the picture mixes colours every frame.
    return _glide(rgb_f(a), rgb_f(b), t)


HOLD_GLIDE = 0.25
"""Fraction of a hold spent gliding into (and out of) the hold colour."""


def phase_color(palette: Palette, kind: str, progress: float) -> QColor:
    """The breath colour for a phase at `progress`: in-breath teal ↔ out-breath lavender.

    Continuous across every phase boundary: an inhale glides out→in, an exhale in→out, a
    hold glides from its breath colour into the hold colour and back before the next phase,
    and speaking or resting rests on the out-breath colour (where every breath ends).
    """
    ease_in_out_sine = _easing()
    # The colours' channels, parsed once (this runs for every frame of the picture).
    breath_in, breath_out = _channels(palette.breath_in), _channels(palette.breath_out)
    if kind == "inhale":
        return _glide(breath_out, breath_in, ease_in_out_sine(progress))
    if kind == "top_up":
        return _glide(breath_in, breath_in, 0.0)
    if kind == "exhale":
        return _glide(breath_in, breath_out, ease_in_out_sine(progress))
    if kind in ("hold_in", "hold_out"):
        base = breath_in if kind == "hold_in" else breath_out
        weight = min(1.0, progress / HOLD_GLIDE, (1.0 - progress) / HOLD_GLIDE)
        return _glide(base, _channels(palette.hold), ease_in_out_sine(weight))
    return _glide(breath_out, breath_out, 0.0)


@functools.cache
def _easing() -> Callable[[float], float]:
    """`ease_in_out_sine`, imported on first use, not at the top: the easing module brings the
    timeline with it, which the window does not need for its first paint. Kept after that: an
    import statement in a function runs PySide6's import hook on every frame."""
    from pfrelax.core.easing import ease_in_out_sine

    return ease_in_out_sine


Channels = tuple[float, float, float, float]


@functools.cache
def _channels(name: str) -> Channels:
    """The red, green, blue and alpha (0–1) of the colour `name` ("#rrggbb"), parsed once."""
    return rgb_f(QColor(name))


def _glide(a: Channels, b: Channels, t: float) -> QColor:
    """`mix` for colours already in channels."""
    t = min(max(t, 0.0), 1.0)
    return QColor.fromRgbF(
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
        a[3] + (b[3] - a[3]) * t,
    )


def scaled_font(base: QFont, scale: float, weight: QFont.Weight | None = None) -> QFont:
    """`base` (normally the system font) scaled by `scale`, keeping the user's size setting."""
    from PySide6.QtGui import QFont  # with the first larger text: its 8 enums wait for it

    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * scale)))
    if weight is not None:
        font.setWeight(weight)
    return font


def build_qpalette(palette: Palette) -> QPalette:
    """A QPalette with every role the Fusion style reads, including disabled text."""
    qp = QPalette()
    background = palette.color("background")
    surface = palette.color("surface")
    text = palette.color("text")
    quiet = palette.color("quiet_text")
    accent = palette.color("accent")
    roles = {
        QPalette.ColorRole.Window: background,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: surface,
        QPalette.ColorRole.AlternateBase: mix(surface, background, 0.5),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: surface,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: text,
        QPalette.ColorRole.ToolTipBase: surface,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: quiet,
        QPalette.ColorRole.Highlight: mix(surface, accent, 0.35),
        QPalette.ColorRole.HighlightedText: text,
        QPalette.ColorRole.Link: accent,
        QPalette.ColorRole.LinkVisited: accent,
        QPalette.ColorRole.Accent: accent,
    }
    for role, color in roles.items():
        qp.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        qp.setColor(QPalette.ColorGroup.Disabled, role, quiet)
    return qp


# Fusion draws these controls' outlines from the Window colour, darkened by 40 %: on a dark
# background that outline all but vanishes. They get a palette of their own whose Window is the
# edge colour lightened by as much, so the outline Fusion draws is the edge (WCAG 1.4.11: 3:1).
EDGED_CONTROLS = ("QCheckBox", "QRadioButton", "QComboBox", "QAbstractSpinBox")


def build_control_qpalette(palette: Palette) -> QPalette:
    """The app palette, with a Window from which Fusion derives a clearly visible outline."""
    qp = build_qpalette(palette)
    qp.setColor(QPalette.ColorRole.Window, palette.color("edge").lighter(140))
    return qp


def set_control_palette(controls: QPalette) -> None:
    """Give the edged controls (and their subclasses) `controls` as their palette."""
    for class_name in EDGED_CONTROLS:
        # PySide6's stub asks for bytes, but only a str is accepted at run time.
        QApplication.setPalette(controls, class_name)  # type: ignore[arg-type]


def stylesheet(palette: Palette) -> str:
    """Calm controls: soft borders, rounded corners, generous padding, an accent focus ring.

    Dialog buttons carry words only: Fusion on Linux desktops put a pen on OK and a red X on
    Cancel, and no red belongs in this app.

    Paddings are in `em` so they grow with the system font; no font sizes are set.
    """
    c = _sheet_colors(palette)
    return _SHEET.format(**c)


def _sheet_colors(palette: Palette) -> dict[str, str]:
    background = palette.color("background")
    surface = palette.color("surface")
    text = palette.color("text")
    accent = palette.color("accent")
    return {
        "background": palette.background,
        "surface": palette.surface,
        "text": palette.text,
        "quiet": palette.quiet_text,
        "accent": palette.accent,
        "edge": palette.edge,
        "on_accent": palette.background if not palette.is_dark else "#10161D",
        "border": mix(surface, text, 0.16).name(),
        "hover": mix(surface, accent, 0.12).name(),
        "pressed": mix(surface, background, 0.6).name(),
        "selected": mix(surface, accent, 0.28).name(),
        "groove": mix(background, text, 0.14).name(),
        "accent_soft": mix(accent, surface, 0.2).name(),
    }


_SHEET = """
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QPushButton, QToolButton {{
    background-color: {surface};
    color: {text};
    border: 1px solid {border};
    border-radius: 10px;
    padding: 0.45em 1.1em;
}}
QToolButton {{ padding: 0.35em 0.6em; }}
QPushButton:hover, QToolButton:hover {{ background-color: {hover}; }}
QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{ background-color: {pressed}; }}
QPushButton:focus, QToolButton:focus {{ border: 2px solid {accent}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {quiet}; border-color: {pressed}; }}
QPushButton[accent="true"] {{
    background-color: {accent};
    color: {on_accent};
    border: 1px solid {accent};
}}
QPushButton[accent="true"]:hover {{ background-color: {accent_soft}; }}
QPushButton[accent="true"]:focus {{ border: 2px solid {text}; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    background-color: {surface};
    color: {text};
    border: 1px solid {edge};
    border-radius: 8px;
    padding: 0.3em 0.5em;
    selection-background-color: {selected};
    selection-color: {text};
    placeholder-text-color: {quiet};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid {accent}; }}
/* As tall as a line edit: a form's rows line up, and a number is as easy to hit as a word. */
QComboBox, QAbstractSpinBox {{ min-height: 1.7em; }}
QListView, QListWidget, QTreeView, QTableView {{
    background-color: {surface};
    color: {text};
    border: 1px solid {border};
    border-radius: 12px;
    padding: 0.4em;
    outline: none;
    /* Qt would draw placeholders (a card's quiet lines) in half-transparent text: < 4.5:1. */
    placeholder-text-color: {quiet};
}}
QListView:focus, QListWidget:focus, QTreeView:focus, QTableView:focus {{
    border: 2px solid {accent};
}}
QListView::item, QListWidget::item, QTreeView::item {{ border-radius: 8px; }}
QListView::item:hover, QListWidget::item:hover, QTreeView::item:hover {{
    background-color: {hover};
}}
QListView::item:selected, QListWidget::item:selected, QTreeView::item:selected {{
    background-color: {selected};
    color: {text};
}}
QSlider {{ min-height: 1.6em; }}
QSlider::groove:horizontal {{
    height: 0.35em;
    border-radius: 0.17em;
    background: {edge};
}}
QSlider::sub-page:horizontal {{ background: {accent}; border-radius: 0.17em; }}
QSlider::handle:horizontal {{
    background: {accent};
    border: 2px solid {surface};
    width: 1.1em;
    height: 1.1em;
    margin: -0.5em 0;
    border-radius: 0.65em;
}}
QSlider::handle:horizontal:focus {{ border: 2px solid {text}; }}
QScrollBar:vertical {{ background: transparent; width: 0.7em; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {groove}; border-radius: 0.3em; min-height: 2em; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QToolTip {{
    background-color: {surface};
    color: {text};
    border: 1px solid {border};
    border-radius: 8px;
    padding: 0.3em 0.5em;
}}
"""


def apply_theme(app: QGuiApplication, palette: Palette) -> None:
    """Set the app palette and, for a widgets app, the calm stylesheet."""
    app.setPalette(build_qpalette(palette))
    if isinstance(app, QApplication):  # only a widgets app has stylesheets
        set_control_palette(build_control_qpalette(palette))
        app.setStyleSheet(stylesheet(palette))
