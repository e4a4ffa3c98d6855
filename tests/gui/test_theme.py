"""The calm palettes: readable contrast, no alarm colours, gliding phase colours, no fixed fonts."""

from __future__ import annotations

import itertools
import re

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListView,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pfrelax.ui.common.theme import (
    DARK,
    LIGHT,
    PHASE_LABEL_SCALE,
    Palette,
    ThemeMode,
    apply_theme,
    mix,
    phase_color,
    resolve_palette,
    scaled_font,
    stylesheet,
)

PALETTES = [pytest.param(DARK, id="dark"), pytest.param(LIGHT, id="light")]


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio."""
    light, dark = sorted((_luminance(QColor(a)), _luminance(QColor(b))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("palette", PALETTES)
def test_text_is_readable_on_background_and_surface(palette: Palette) -> None:
    for text in (palette.text, palette.quiet_text):
        assert contrast(text, palette.background) >= 4.5
        assert contrast(text, palette.surface) >= 4.5


@pytest.mark.parametrize("palette", PALETTES)
def test_breath_shapes_and_the_accent_stand_out_from_the_background(palette: Palette) -> None:
    for shape in (palette.breath_in, palette.breath_out, palette.hold, palette.accent):
        assert contrast(shape, palette.background) >= 3.0, shape


@pytest.mark.parametrize("palette", PALETTES)
def test_no_colour_is_red_or_a_saturated_orange(palette: Palette) -> None:
    for role in ("text", "quiet_text", "breath_in", "breath_out", "hold", "accent"):
        color = palette.color(role)
        warm = color.hslHue() < 50 or color.hslHue() > 330
        assert not (warm and color.hslSaturationF() > 0.5), role


@pytest.mark.parametrize("palette", PALETTES)
def test_phase_colours_glide_without_a_jump_at_any_phase_change(palette: Palette) -> None:
    sequences = [
        ["hold_out", "inhale", "top_up", "hold_in", "exhale", "hold_out", "rest", "inhale"],
        ["speak", "inhale", "hold_in", "exhale", "inhale", "top_up", "exhale", "rest"],
    ]
    pairs = [pair for order in sequences for pair in itertools.pairwise(order)]
    for before, after in pairs:
        end = phase_color(palette, before, 1.0)
        start = phase_color(palette, after, 0.0)
        assert end.name() == start.name(), f"{before} → {after}"


@pytest.mark.parametrize("palette", PALETTES)
def test_the_in_breath_ends_in_its_colour_and_a_hold_shows_the_hold_colour(
    palette: Palette,
) -> None:
    assert phase_color(palette, "inhale", 1.0).name() == palette.breath_in.lower()
    assert phase_color(palette, "exhale", 1.0).name() == palette.breath_out.lower()
    assert phase_color(palette, "hold_in", 0.5).name() == palette.hold.lower()
    assert phase_color(palette, "hold_out", 0.5).name() == palette.hold.lower()


def test_explicit_modes_pick_their_palette(qapp: QApplication) -> None:
    assert resolve_palette(ThemeMode.DARK, qapp) is DARK
    assert resolve_palette(ThemeMode.LIGHT, qapp) is LIGHT


@pytest.mark.parametrize(("window", "expected"), [("#202020", DARK), ("#f0f0f0", LIGHT)])
def test_system_mode_falls_back_to_the_window_colour_when_no_scheme_is_reported(
    qapp: QApplication, window: str, expected: Palette
) -> None:
    # The offscreen test platform reports no colour scheme, so this exercises the fallback.
    original = qapp.palette()
    try:
        palette = QPalette(original)
        palette.setColor(QPalette.ColorRole.Window, QColor(window))
        qapp.setPalette(palette)
        assert resolve_palette(ThemeMode.SYSTEM, qapp) is expected
    finally:
        qapp.setPalette(original)


@pytest.mark.parametrize("palette", PALETTES)
def test_apply_theme_sets_the_palette_and_a_calm_stylesheet(
    qapp: QApplication, palette: Palette
) -> None:
    original_palette, original_sheet = qapp.palette(), qapp.styleSheet()
    try:
        apply_theme(qapp, palette)
        assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(palette.background)
        assert qapp.palette().color(QPalette.ColorRole.Text) == QColor(palette.text)
        assert palette.accent in qapp.styleSheet()
    finally:
        qapp.setPalette(original_palette)
        qapp.setStyleSheet(original_sheet)


@pytest.mark.parametrize("palette", PALETTES)
def test_the_stylesheet_never_fixes_a_font_size(palette: Palette) -> None:
    sheet = stylesheet(palette)
    assert "font-size" not in sheet
    assert "font:" not in sheet
    assert re.search(r"border-radius:\s*(8|10|12)px", sheet)


def test_scaled_fonts_follow_the_system_font_size() -> None:
    body = QFont()
    body.setPointSizeF(12.0)
    label = scaled_font(body, PHASE_LABEL_SCALE, QFont.Weight.Light)
    assert label.pointSizeF() == pytest.approx(26.4)
    assert label.weight() == QFont.Weight.Light
    pixel_body = QFont()
    pixel_body.setPixelSize(20)
    assert scaled_font(pixel_body, 1.5).pixelSize() == 30


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_a_forms_combo_and_number_boxes_are_as_tall_as_its_text_boxes(
    qapp: QApplication, palette: Palette
) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

    form = QWidget()
    form.setStyleSheet(stylesheet(palette))
    text, combo, number = QLineEdit(form), QComboBox(form), QSpinBox(form)
    combo.addItem("Automatic")
    heights = [w.sizeHint().height() for w in (text, combo, number)]
    assert max(heights) - min(heights) <= 4, heights  # the rows of Settings line up


@pytest.mark.parametrize("palette", PALETTES)
def test_the_edge_of_a_control_stands_out_from_background_and_surface(palette: Palette) -> None:
    # WCAG 1.4.11: what shows a control is there (a box to tick, a field to type in) >= 3:1.
    assert contrast(palette.edge, palette.background) >= 3.0
    assert contrast(palette.edge, palette.surface) >= 3.0


def _edge_contrast(widget: QWidget, row: int, columns: range, background: str) -> float:
    """The strongest contrast against `background` along `row` of the widget as drawn."""
    image = widget.grab().toImage()
    return max(contrast(image.pixelColor(x, row).name(), background) for x in columns)


def test_unticked_boxes_and_empty_radio_buttons_show_their_outline(
    qtbot: QtBot, themed: Palette
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    box, radio = QCheckBox("Also ask about pain"), QRadioButton("Demo")
    column.addWidget(box)
    column.addWidget(radio)
    page.show()
    qtbot.waitExposed(page)
    for control, element in (
        (box, QStyle.SubElement.SE_CheckBoxIndicator),
        (radio, QStyle.SubElement.SE_RadioButtonIndicator),
    ):
        option = QStyleOptionButton()
        option.initFrom(control)
        mark = control.style().subElementRect(element, option, control)
        seen = _edge_contrast(
            control, mark.center().y(), range(mark.left(), mark.right() + 1), themed.background
        )
        assert seen >= 3.0, (type(control).__name__, themed.name, seen)


def test_number_and_choice_boxes_show_their_outline(qtbot: QtBot, themed: Palette) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    number, choice, text = QSpinBox(), QComboBox(), QLineEdit()
    choice.addItem("Automatic")
    for control in (number, choice, text):
        column.addWidget(control)
    page.show()
    qtbot.waitExposed(page)
    for control in (number, choice, text):
        middle = control.height() // 2
        seen = _edge_contrast(control, middle, range(4), themed.background)
        assert seen >= 3.0, (type(control).__name__, themed.name, seen)


def test_quiet_lines_of_a_list_and_a_fields_placeholder_are_readable(
    qtbot: QtBot, themed: Palette
) -> None:
    # A library card's length and tags are drawn in the placeholder colour, which Qt makes
    # half-transparent text wherever a stylesheet sets `color`: about 3:1, under 4.5:1.
    for widget in (QListView(), QLineEdit()):
        qtbot.addWidget(widget)
        widget.show()
        seen = widget.palette().color(QPalette.ColorRole.PlaceholderText)
        drawn = mix(
            QColor(themed.surface), QColor(seen.red(), seen.green(), seen.blue()), seen.alphaF()
        )
        assert contrast(drawn.name(), themed.surface) >= 4.5, (type(widget).__name__, drawn)
