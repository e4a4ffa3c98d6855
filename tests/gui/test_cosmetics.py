"""Small things a person sees: words-only dialog buttons, air inside the caption bubble, and
cards as tall as their words."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pfrelax.core.session import Session
from pfrelax.core.settings import Settings
from pfrelax.ui.common.theme import LIGHT, apply_theme
from pfrelax.ui.library.library_page import LibraryPage
from pfrelax.ui.player.phase_text import PhaseText
from pfrelax.ui.player.player_stage import PlayerStage
from pfrelax.ui.player.player_style import player_sheet
from pfrelax.ui.settings.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

LONG_CAPTION = (
    "A pillow under your knees can help. Let your eyes close, or rest your gaze softly on one spot."
)


class DesktopLikeStyle(QProxyStyle):
    """Fusion as GNOME and KDE run it: dialog buttons come with icons."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returned: object = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return int(super().styleHint(hint, option, widget, returned))  # type: ignore[arg-type]


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    original_palette, original_sheet = qapp.palette(), qapp.styleSheet()
    original_style = qapp.style().name()
    QApplication.setStyle(DesktopLikeStyle("Fusion"))
    apply_theme(qapp, LIGHT)
    yield
    qapp.setStyleSheet(original_sheet)
    qapp.setPalette(original_palette)
    QApplication.setStyle(original_style)


def test_dialog_buttons_carry_words_only(qtbot: QtBot, themed: None) -> None:
    dialog = SettingsDialog(Settings(), find_speech=lambda: None)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    buttons = box.buttons()
    assert {b.text() for b in buttons} >= {"OK", "Cancel"}
    assert all(button.icon().isNull() for button in buttons)


def ink_columns(image: QImage, bubble: QColor, outside: QColor, corner: int) -> list[int]:
    """The columns holding a pixel that is neither the bubble nor what is around it: words.
    Rows within `corner` of the top and bottom are left out (the rounded corners' edges)."""
    found = []
    for x in range(image.width()):
        for y in range(corner, image.height() - corner):
            pixel = image.pixelColor(x, y)
            if pixel != bubble and pixel != outside and pixel.alpha() == 255:
                found.append(x)
                break
    return found


def test_a_long_caption_keeps_air_inside_its_bubble(qtbot: QtBot, themed: None) -> None:
    stage = PlayerStage()
    stage.setStyleSheet(player_sheet(LIGHT))
    qtbot.addWidget(stage)
    stage.resize(1200, 700)
    stage.show()
    qtbot.waitExposed(stage)
    stage.show_text(PhaseText("", "", "", LONG_CAPTION, ""))
    caption = stage.caption
    # Where there is room the bubble keeps its reading width: two lines of about 55 letters.
    assert caption.width() >= caption.fontMetrics().averageCharWidth() * 55
    image = caption.grab().toImage()
    bubble, outside = LIGHT.color("surface"), LIGHT.color("background")
    words = ink_columns(image, bubble, outside, corner=10)  # the sheet's border-radius
    assert words, "the caption drew no words"
    air = caption.fontMetrics().height() // 2
    assert min(words) >= air
    assert max(words) <= caption.width() - 1 - air


def ink_rows(image: QImage, area: QRect, paper: QColor) -> list[int]:
    rows = []
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            if image.pixelColor(x, y) != paper:
                rows.append(y)
                break
    return rows


def widest_gap(rows: list[int]) -> int:
    return max((b - a for a, b in itertools.pairwise(rows)), default=0)


def test_a_one_line_summary_leaves_no_gap_in_its_card(
    qtbot: QtBot, themed: None, sessions: list[Session]
) -> None:
    short = replace(sessions[0], summary="Slow breaths.")
    page = LibraryPage()
    qtbot.addWidget(page)
    page.set_sessions([short])
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    index = page.filter.index(0, 0)
    card = page.list.visualRect(index)
    image = page.list.viewport().grab().toImage()
    em = page.list.fontMetrics().height()
    inside = card.adjusted(em, em // 2, -em * 4, -em // 2)  # within the border, left of "1 min"
    paper = image.pixelColor(inside.left(), inside.top())
    rows = ink_rows(image, inside, paper)
    assert rows, "the card drew no words"
    # Title, summary and tags follow one another: no line-high hole between them.
    assert widest_gap(rows) < em
    two_line = replace(short, summary=" ".join(["Slow breaths in for four and out for six."] * 6))
    page.set_sessions([two_line])
    assert page.list.visualRect(page.filter.index(0, 0)).height() > card.height()
