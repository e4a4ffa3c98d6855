"""The count-in as a person sees it: read back from the window's pixels, not the widgets' state.

Every state-based test passed while the count-in was drawn over the pre-start panel on every
Start, so these read what reached the window (its backing store), light and dark, orb and wave.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.player.breath_styles import BreathStyle
from pfrelax.ui.player.player_page import PlayerPage

from .conftest import every_kind_session


def on_screen(widget: QWidget) -> QImage:
    """What the window shows where `widget` is: its backing store, not a fresh render."""
    window = widget.window()
    screen = window.screen()
    whole = screen.grabWindow(window.winId()).toImage()
    corner = widget.mapTo(window, QPoint(0, 0))
    return whole.copy(QRect(corner, widget.size()))


def pixels_like(image: QImage, area: QRect, color: QColor, tolerance: int = 10) -> int:
    """How many pixels of `area` are within `tolerance` of `color` in every channel."""
    found = 0
    for y in range(max(area.top(), 0), min(area.bottom(), image.height() - 1) + 1):
        for x in range(max(area.left(), 0), min(area.right(), image.width() - 1) + 1):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - color.red()) <= tolerance
                and abs(pixel.green() - color.green()) <= tolerance
                and abs(pixel.blue() - color.blue()) <= tolerance
            ):
                found += 1
    return found


def area_of(widget: QWidget, page: QWidget) -> QRect:
    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("style", [BreathStyle.ORB, BreathStyle.WAVE])
def test_the_count_in_replaces_the_pre_start_panel_on_screen(
    player: PlayerPage,
    preferences: Preferences,
    qtbot: QtBot,
    themed: Palette,
    style: BreathStyle,
) -> None:
    preferences.change(animation_style=style.value)
    player.set_palette(themed)
    player.load(every_kind_session())
    qtbot.waitUntil(lambda: not player.fading)
    start = area_of(player.pre_start.start_button, player)
    title = area_of(player.pre_start.summary, player)
    accent, text = themed.color("accent"), themed.color("text")
    before = on_screen(player)
    assert pixels_like(before, start, accent) > 50  # the Start button, as a person sees it
    assert pixels_like(before, title, text) > 10

    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not player.fading)

    def count_in_on_screen() -> bool:
        shown = on_screen(player)
        stage = area_of(player.stage, player)
        drawn = player.stage.grab().toImage().convertToFormat(shown.format())
        # Where the summary was, no text is left (but the count-in's own words, in the text
        # colour over the wave).
        count_in = player.stage.count_in
        em = count_in.fontMetrics().height()
        words = area_of(count_in.number, player).united(area_of(count_in.caption, player))
        words = words.adjusted(-em, -em, em, em)
        # A QRegion iterates over its rectangles; PySide6's stubs do not say so.
        summary_left = list(cast("Iterable[QRect]", QRegion(title) - QRegion(words)))
        return (
            pixels_like(shown, start, accent) == 0
            and all(pixels_like(shown, rect, text) == 0 for rect in summary_left)
            and shown.copy(stage) == drawn  # the stage as it draws itself: orb, 3, Get ready
        )

    qtbot.waitUntil(count_in_on_screen)
    assert player.stage.count_in.number.text() == "3"  # the fake clock holds the count at 3
    stage = player.stage
    with_count = stage.grab().toImage()
    stage.count_in.hide()
    without_count = stage.grab().toImage()
    stage.count_in.show()
    # "3" and "Get ready" are drawn where their labels are, over the resting picture.
    for label in (stage.count_in.number, stage.count_in.caption):
        area = area_of(label, stage)
        assert with_count.copy(area) != without_count.copy(area)
