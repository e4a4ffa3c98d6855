"""A frame's work is done once and shared: the path's layout, trail and bounds are one object the
key, the dirty rectangle and the paint all read; the wave keeps the look on screen through a
look-ahead; the wave draws only what reaches the part repainted (and the picture stays the
same); a moving picture ticks every frame without looking ahead; the same moment again paints
nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot

from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.player.breath_path import path_trail
from pfrelax.ui.player.breath_path_layout import path_frame, path_layout
from pfrelax.ui.player.breath_styles import BreathStyle, Frame
from pfrelax.ui.player.breath_view import BreathView
from pfrelax.ui.player.breath_wave import Bounds, paint_wave, wave_look, wave_strip

from .test_breath_dirty import largest_difference
from .test_breath_pace import TIMELINE, PaintLog, play_frames

AREA = QRectF(0, 0, 600, 400)
INHALE_MS = 9000  # into the first inhale (8–12 s) of the box session, past its fade-in


def frame_at(t_ms: int) -> Frame:
    return Frame(TIMELINE.at(t_ms), TIMELINE, LIGHT)


class CountingPainter(QPainter):
    """A painter that counts the images and the filled rectangles drawn through it."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.images = 0
        self.fills = 0

    def drawImage(self, *args: Any) -> None:  # Qt's name
        self.images += 1
        super().drawImage(*args)

    def fillRect(self, *args: Any) -> None:  # Qt's name
        self.fills += 1
        super().fillRect(*args)


def paint_counted(image: QImage, frame: Frame, clip: Bounds | None) -> CountingPainter:
    """`frame`'s wave painted on `image`, within `clip` as the view would (None: all of it)."""
    painter = CountingPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if clip is not None:
        left, top, right, bottom = clip
        painter.setClipRect(QRectF(left, top, right - left, bottom - top))
    paint_wave(painter, AREA, frame, 1.0, clip)
    painter.end()
    return painter


def blank() -> QImage:
    image = QImage(600, 400, QImage.Format.Format_RGB32)
    image.fill(0)
    return image


def test_the_path_key_dirty_rectangle_and_paint_read_one_layout_of_the_frame() -> None:
    frame = frame_at(INHALE_MS)
    parts = path_frame(AREA, frame)
    assert path_frame(AREA, frame) is parts
    assert path_layout(AREA, frame) is parts.layout
    assert path_trail(AREA, frame) is parts.trail  # the polyline painted is the one bounded
    # Another frame of the same moment (another palette, say) gets its own, with the same shape.
    again = path_frame(AREA, frame_at(INHALE_MS))
    assert again is not parts
    assert again.layout[1:] == parts.layout[1:]
    assert again.box_rect == parts.box_rect


def test_the_wave_keeps_the_look_on_screen_through_a_look_ahead_over_three_frames() -> None:
    on_screen = frame_at(INHALE_MS)
    first = wave_look(AREA, on_screen, 1.0)
    for ahead in (16, 32, 48):  # still_for_ms looks ahead frame by frame
        wave_look(AREA, frame_at(INHALE_MS + ahead), 1.0)
    assert wave_look(AREA, on_screen, 1.0) is first


def test_a_wave_frame_repainting_the_dot_alone_draws_neither_veil_nor_the_rows_beyond() -> None:
    before, after = frame_at(INHALE_MS), frame_at(INHALE_MS + 16)
    old, new = wave_look(AREA, before, 1.0), wave_look(AREA, after, 1.0)
    assert old.scroll == new.scroll  # 0.3 px on: the trace stays, only the dot moved
    a, b = old.dot_bounds, new.dot_bounds
    dots = (min(a[0], b[0]) - 2, min(a[1], b[1]) - 2, max(a[2], b[2]) + 2, max(a[3], b[3]) + 2)
    in_parts = blank()
    whole = paint_counted(in_parts, before, None)
    assert (whole.images, whole.fills) == (3, 3)  # the scene and two veils; two margins, the dot
    dot_only = paint_counted(in_parts, after, dots)
    assert (dot_only.images, dot_only.fills) == (1, 1)  # the scene under the dot; the dot
    fresh = blank()
    paint_counted(fresh, after, None)
    assert largest_difference(in_parts, fresh) == 0


def test_a_wave_scroll_draws_both_veils_but_not_the_rows_beyond_the_band() -> None:
    before, after = frame_at(INHALE_MS), frame_at(INHALE_MS + 100)  # two whole pixels on
    assert wave_look(AREA, after, 1.0).scroll != wave_look(AREA, before, 1.0).scroll
    in_parts = blank()
    paint_counted(in_parts, before, None)
    strip = wave_strip(TIMELINE, LIGHT, AREA, 1.0, wave_look(AREA, after, 1.0).scroll)
    top, bottom = strip.trace_rows
    scrolled = paint_counted(in_parts, after, (0.0, top, AREA.width(), bottom))
    assert (scrolled.images, scrolled.fills) == (3, 1)
    fresh = blank()
    paint_counted(fresh, after, None)
    assert largest_difference(in_parts, fresh) == 0


def test_a_picture_that_moved_a_step_ticks_on_without_a_look_ahead_and_a_still_one_looks(
    qtbot: QtBot,
) -> None:
    view = BreathView(style=BreathStyle.PATH)
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_moment(TIMELINE.at(8600))
    qtbot.waitUntil(lambda: view.painted_moment is not None)
    play_frames(view, 8600, INHALE_MS + 1)  # the last frame: INHALE_MS
    assert view.moved_a_step  # breathing in: every frame moves the dot a visible step
    view.show_moment(TIMELINE.at(INHALE_MS + 1), now=True)  # a millisecond on: not a step
    assert not view.moved_a_step
    view.set_reduced_motion(True)  # reduced motion keeps its own pace (still_for_ms)
    play_frames(view, INHALE_MS + 16, INHALE_MS + 64)
    assert not view.moved_a_step


def test_the_same_moment_again_is_not_painted_again(qtbot: QtBot) -> None:
    view = BreathView(style=BreathStyle.WAVE)
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_moment(TIMELINE.at(8600))
    qtbot.waitUntil(lambda: view.painted_moment is not None)
    play_frames(view, 8600, INHALE_MS)
    log = PaintLog(view)
    view.show_moment(TIMELINE.at(INHALE_MS - 8), paused=True, now=True)
    painted = len(log.rects)
    assert painted >= 1  # pausing dims the picture: painted once
    for _ in range(3):  # a paused player hands over a new, equal moment every frame
        view.show_moment(TIMELINE.at(INHALE_MS - 8), paused=True, now=True)
    assert len(log.rects) == painted
    view.show_moment(TIMELINE.at(INHALE_MS + 8), paused=True, now=True)  # a seek while paused
    assert len(log.rects) > painted
