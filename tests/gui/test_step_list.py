"""The step strip of a long session: the current chapter whole and centred, none cut in two."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from pfrelax.core.session import Session, SpeakStep
from pfrelax.core.timeline import compile_session
from pfrelax.ui.player.step_list import MORE, StepList

PARTS = ("Hands", "Arms", "Shoulders", "Face and jaw", "Belly", "Pelvic floor", "Legs", "Feet")
STRIP_WIDTH = 1216  # the bottom bar of a 1280 px window, less its margins


def long_session() -> Session:
    """32 chapters with titles as long as progressive relaxation's."""
    steps = tuple(
        SpeakStep(f"{part}: {action}", "Notice, then let go.", seconds_ms=20_000)
        for part in PARTS
        for action in ("get ready", "tense gently", "release", "rest")
    )
    return Session(id="long", title="Long", summary="", tags=(), steps=steps)


@pytest.fixture
def strip(qtbot: QtBot) -> StepList:
    steps = StepList()
    qtbot.addWidget(steps)
    steps.resize(STRIP_WIDTH, steps.sizeHint().height())
    steps.show()
    qtbot.waitExposed(steps)
    steps.set_timeline(compile_session(long_session()))
    return steps


def colours(image: QImage, area: QRect) -> set[int]:
    return {
        image.pixel(x, y)
        for y in range(area.top(), area.bottom() + 1)
        for x in range(area.left(), area.right() + 1)
    }


def edge_band(strip: StepList) -> int:
    """How much of each edge the "…" may take."""
    metrics = strip.fontMetrics()
    return metrics.horizontalAdvance(MORE) + metrics.height()


@pytest.mark.parametrize("current", [0, 1, 14, 15, 30, 31])
def test_the_current_step_shows_whole_and_centred_and_no_step_is_cut(
    strip: StepList, current: int
) -> None:
    strip.set_current(current)
    image = strip.viewport().grab().toImage()
    view = strip.viewport().rect()
    chip = strip.visualItemRect(strip.item(current))
    assert view.contains(chip)
    bar = strip.horizontalScrollBar()
    if bar.minimum() < bar.value() < bar.maximum():  # not held at either end
        assert abs(chip.center().x() - view.center().x()) <= 2
    inside = view.adjusted(edge_band(strip), 0, -edge_band(strip), 0)
    cut = 0
    for row in range(strip.count()):
        rect = strip.visualItemRect(strip.item(row))
        if rect.intersects(view) and not view.contains(rect):
            cut += 1
            # Not drawn at all, so no word is cut in two: only the strip's background is there.
            assert len(colours(image, rect.intersected(inside))) <= 1, row
    assert cut >= 1  # the test looked at a step an edge cuts through


def test_each_edge_with_more_steps_beyond_says_so(strip: StepList) -> None:
    strip.set_current(15)
    assert strip.more_before()
    assert strip.more_after()
    image = strip.viewport().grab().toImage()
    view, band = strip.viewport().rect(), edge_band(strip)
    for edge in (
        QRect(0, 0, band, view.height()),
        QRect(view.right() - band + 1, 0, band, view.height()),
    ):
        assert len(colours(image, edge)) > 1  # the quiet "…"
    strip.set_current(0)
    assert not strip.more_before()
    assert strip.more_after()
