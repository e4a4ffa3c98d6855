"""The check-in as it looks: four questions read whole, and an unrated slider shows no value."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from pfrelax.core.checkin import SCALE_MAX, SCALE_MIN, Measure
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog
from pfrelax.ui.checkin.rating_scale import NumberedSlider, RatingScale
from pfrelax.ui.common.theme import Palette

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

FOUR = (Measure.DISTRESS, Measure.PELVIC_TENSION, Measure.MOOD, Measure.PAIN)


def shown(qtbot: QtBot) -> CheckinDialog:
    dialog = CheckinDialog(FOUR, "before")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_four_questions_are_never_clipped(qtbot: QtBot, themed: Palette) -> None:
    dialog = shown(qtbot)
    for scale in dialog.scales:
        question = scale.question
        assert question.height() >= question.heightForWidth(question.width()), question.text()
        assert question.visibleRegion().boundingRect() == question.rect()
    bar = dialog.questions.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() == 0)  # all of it fits on this screen: no scrolling
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width()
    assert dialog.height() <= screen.height()


def colours(image: QImage, area: QRect) -> set[int]:
    return {
        image.pixel(x, y)
        for y in range(area.top(), area.bottom() + 1)
        for x in range(max(0, area.left()), min(image.width(), area.right() + 1))
    }


def handle_drawn_at(slider: NumberedSlider, value: int) -> bool:
    """Whether anything but the background shows above or below the groove at `value`.

    The handle is taller than the groove; the rows where the middle of the scale shows only
    background (neither groove nor tick) must show only that at `value` too.
    """
    image = slider.grab().toImage()
    half = slider.height() // 2
    middle = round(slider.tick_x((SCALE_MIN + SCALE_MAX) // 2))
    at = round(slider.tick_x(value))
    background = {image.pixel(middle, 0)}
    for y in range(image.height()):
        plain = colours(image, QRect(middle - half, y, half * 2, 1)) == background
        if plain and colours(image, QRect(at - half, y, half * 2, 1)) != background:
            return True
    return False


def test_an_unrated_slider_shows_no_handle_until_rated(qtbot: QtBot, themed: Palette) -> None:
    dialog = shown(qtbot)
    scale: RatingScale = dialog.scales[1]  # not the focused one: its groove is plain
    slider = scale.slider
    assert not handle_drawn_at(slider, SCALE_MIN)  # only "not rated" says where it stands
    assert not scale.is_rated
    slider.setFocus()
    qtbot.keyClick(slider, "0")
    assert scale.is_rated
    assert scale.value() == 0
    assert handle_drawn_at(slider, SCALE_MIN)  # rated 0: now the handle shows there
