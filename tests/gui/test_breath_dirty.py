"""Repainting only what moved leaves the same picture on screen as painting it whole: the wave
(the dot between whole-pixel scrolls) and the path (the dot, its trail and the tide's top)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from pfrelax.core.easing import TOP_UP_SIP
from pfrelax.core.timeline import SegmentKind
from pfrelax.ui.common.theme import DARK, LIGHT, Palette
from pfrelax.ui.player.breath_path import path_change, path_trail
from pfrelax.ui.player.breath_styles import Frame
from pfrelax.ui.player.breath_view import BreathStyle, BreathView
from pfrelax.ui.player.breath_wave import wave_band, wave_change, wave_dot_rect, wave_plot
from pfrelax.ui.player.frame_driver import FRAME_INTERVAL_MS

from .test_breath_pace import TIMELINE, PaintLog, play_frames


def on_screen(view: BreathView) -> QImage:
    """What the window shows where `view` is: its backing store, not a fresh render."""
    window = view.window()
    whole = window.screen().grabWindow(window.winId()).toImage()
    return whole.copy(QRect(view.mapTo(window, QPoint(0, 0)), view.size()))


def largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of any channel of any pixel."""
    arrays = []
    for image in (a, b):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        raw = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
        arrays.append(raw.reshape(image.height(), image.bytesPerLine())[:, : 4 * image.width()])
    assert arrays[0].shape == arrays[1].shape
    return int(np.abs(arrays[0].astype(np.int16) - arrays[1]).max())


def painted_whole(view: BreathView, qtbot: QtBot) -> QImage:
    """The moment `view` last painted, painted whole by a fresh view of the same size."""
    fresh = BreathView(palette=view.breath_palette(), style=view.style_name())
    qtbot.addWidget(fresh)
    fresh.set_timeline(TIMELINE)
    fresh.resize(view.size())
    fresh.show_moment(view.painted_moment)
    return fresh.grab().toImage()


@pytest.fixture(params=[LIGHT, DARK], ids=["light", "dark"])
def palette(request: pytest.FixtureRequest) -> Palette:
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize("style", [BreathStyle.WAVE, BreathStyle.PATH])
def test_the_picture_painted_in_parts_is_the_picture_painted_whole(
    qtbot: QtBot, style: BreathStyle, palette: Palette
) -> None:
    view = BreathView(palette=palette, style=style)
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_moment(TIMELINE.at(8600))
    qtbot.waitUntil(lambda: view.painted_moment is not None)
    play_frames(view, 8600, 8700)  # past the breathing step's fade-in: the whole picture once
    log = PaintLog(view)
    worst = 0
    for t in range(9000, 9500, FRAME_INTERVAL_MS):  # the inhale, checked at every frame
        play_frames(view, t, t + 1)
        worst = max(worst, largest_difference(on_screen(view), painted_whole(view, qtbot)))
    assert any(rect != view.rect() for rect in log.rects)  # some frames were painted in parts
    # Within a level or two: a gradient's steps fall a little differently at another size.
    assert worst <= 2


def test_a_path_frame_in_a_breath_repaints_its_trail_and_tide_not_the_whole_box() -> None:
    area = QRectF(0, 0, 600, 400)
    before = Frame(TIMELINE.at(9000), TIMELINE, LIGHT)
    after = Frame(TIMELINE.at(9016), TIMELINE, LIGHT)
    assert before.moment.kind is SegmentKind.INHALE
    changed = path_change(area, before, after)
    assert changed is not None
    # The inhale runs up the box's left side: the trail is a narrow column there.
    assert changed.width() * changed.height() < area.width() * area.height() / 4
    # A new cycle's first frames (the step fades in) repaint the whole picture.
    fading = Frame(TIMELINE.at(8100), TIMELINE, LIGHT)
    assert path_change(area, fading, Frame(TIMELINE.at(8116), TIMELINE, LIGHT)) is None


def test_a_wave_frame_repaints_both_dots_and_when_it_scrolls_the_rows_of_the_trace() -> None:
    area = QRectF(0, 0, 600, 400)
    before = Frame(TIMELINE.at(9000), TIMELINE, LIGHT)
    same_scroll = Frame(TIMELINE.at(9016), TIMELINE, LIGHT)  # 0.3 px on: not a whole pixel
    changed = wave_change(area, before, same_scroll, 1.0)
    assert changed is not None
    assert changed.contains(wave_dot_rect(area, before))
    assert changed.contains(wave_dot_rect(area, same_scroll))
    # Scrolled a whole pixel: the rows the trace runs in, across the whole width, not the rows
    # of the guides beyond it.
    scrolled = wave_change(area, before, Frame(TIMELINE.at(9100), TIMELINE, LIGHT), 1.0)
    assert scrolled is not None
    assert scrolled.width() == area.width()
    assert area.height() * 0.55 < scrolled.height() < wave_band(area).height()
    # At 200 % the same 16 ms is 0.6 device px: it scrolls.
    at_200 = wave_change(area, before, Frame(TIMELINE.at(9032), TIMELINE, LIGHT), 2.0)
    assert at_200 is not None
    assert at_200.width() == area.width()


def test_a_wave_scroll_repaints_the_rows_of_the_trace_not_the_headroom_above_the_breaths(
    qtbot: QtBot,
) -> None:
    view = BreathView(style=BreathStyle.WAVE)
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_moment(TIMELINE.at(8600))
    qtbot.waitUntil(lambda: view.painted_moment is not None)
    play_frames(view, 8600, 9100)
    log = PaintLog(view)
    play_frames(view, 9100, 9400)
    scrolls = [rect for rect in log.rects if rect.width() == view.width()]
    assert scrolls  # a whole device pixel every 50 ms at this width
    plot = wave_plot(QRectF(view.rect()))
    # Box breathing fills the lungs, never tops up: the rows above a full breath stay put.
    full_y = plot.bottom() - plot.height() / (1.0 + TOP_UP_SIP)
    for rect in scrolls:
        assert plot.top() + 4 < rect.top() < full_y
        assert rect.bottom() >= plot.bottom()


def test_the_path_trail_behind_the_dot_keeps_its_shape_from_frame_to_frame() -> None:
    area = QRectF(0, 0, 600, 400)
    earlier = path_trail(area, Frame(TIMELINE.at(9500), TIMELINE, LIGHT))
    later = path_trail(area, Frame(TIMELINE.at(11500), TIMELINE, LIGHT))
    # The same inhale: every bend the earlier trail had, the later one has at the same place;
    # only the end (the dot) moved on.
    bends = [earlier.at(n) for n in range(earlier.size() - 1)]
    assert bends == [later.at(n) for n in range(len(bends))]
    assert later.last() != earlier.last()
