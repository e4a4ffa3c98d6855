"""What a frame keeps from the last one stays right: the wave's and path's geometry follows a new
size, the glowing disc on whole pixels is the disc, the palette hands out copies, the seconds
count changes exactly on the second (driven by a fake clock)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QRadialGradient

from pfrelax.core.clock import FakeClock
from pfrelax.core.timeline import Moment, SegmentKind
from pfrelax.ui.common.theme import DARK, LIGHT, Palette
from pfrelax.ui.player.breath_path import path_reach
from pfrelax.ui.player.breath_path_layout import path_layout
from pfrelax.ui.player.breath_styles import (
    HALO,
    Frame,
    _glow_stops,
    look_of,
    orb_reach,
    paint_glow_disc,
)
from pfrelax.ui.player.breath_wave import scroll_px, wave_look, wave_plot
from pfrelax.ui.player.player_page import PlayerPage

from .test_breath_dirty import largest_difference
from .test_breath_pace import TIMELINE
from .test_player_page import start_and_play_to

INHALE_MS = 10_000  # into the first inhale (8–12 s) of the box session


def frame_at(t_ms: int, palette: Palette = LIGHT) -> Frame:
    return Frame(TIMELINE.at(t_ms), TIMELINE, palette)


def test_the_wave_measures_a_view_of_a_new_size_anew() -> None:
    frame = frame_at(INHALE_MS)
    small, large = QRectF(0, 0, 400, 300), QRectF(0, 0, 900, 600)
    assert wave_look(small, frame, 1.0).plot == wave_plot(small)
    assert wave_look(large, frame, 1.0).plot == wave_plot(large)
    # Another object with the same rectangle: the same picture; another ratio: another scroll.
    assert wave_look(QRectF(small), frame, 1.0).centre == wave_look(small, frame, 1.0).centre
    assert wave_look(small, frame, 2.0).scroll == scroll_px(INHALE_MS, small.width(), 2.0)
    assert wave_look(small, frame, 1.0).scroll == scroll_px(INHALE_MS, small.width(), 1.0)


def test_the_wave_keeps_the_look_of_the_frame_on_screen_and_of_the_next() -> None:
    area = QRectF(0, 0, 640, 480)
    on_screen, coming = frame_at(INHALE_MS), frame_at(INHALE_MS + 16)
    first = wave_look(area, on_screen, 1.0)
    assert wave_look(area, coming, 1.0).centre.y() < first.centre.y()  # breathing in: it rises
    assert wave_look(area, on_screen, 1.0) is first  # the dirty rectangle compares the two


def test_the_path_box_follows_a_new_size() -> None:
    frame = frame_at(INHALE_MS)
    small, large = QRectF(0, 0, 400, 400), QRectF(0, 0, 800, 800)
    assert path_layout(large, frame)[0].width() == pytest.approx(
        2 * path_layout(small, frame)[0].width()
    )


def test_the_path_reaches_as_far_as_the_orb_only_while_the_orb_shows() -> None:
    area = QRectF(0, 0, 600, 600)
    emptied, filled, speaking = frame_at(24_100), frame_at(27_900), frame_at(2000)
    assert speaking.moment.kind is SegmentKind.SPEAK
    assert emptied.fade == filled.fade == 1.0
    # While breathing only the box shows: its reach does not grow with the (unpainted) orb's.
    assert path_reach(area, filled) == path_reach(area, emptied)
    assert path_reach(area, filled) < orb_reach(area, filled)
    # While speaking the calm orb shows instead.
    assert path_reach(area, speaking) >= orb_reach(area, speaking)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(("x", "y", "radius"), [(100.3, 100.2, 15.0), (200.77, 150.1, 90.3)])
def test_the_glowing_disc_filled_on_whole_pixels_is_the_disc(
    palette: Palette, x: float, y: float, radius: float
) -> None:
    color = palette.color("breath_in")
    pictures = []
    for whole_pixels in (True, False):
        image = QImage(400, 400, QImage.Format.Format_RGB32)
        image.fill(palette.color("background"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if whole_pixels:
            paint_glow_disc(painter, QPointF(x, y), radius, color, 1.0, look_of(palette))
        else:  # the square the halo ends in, exactly
            outer = radius * HALO
            gradient = QRadialGradient(QPointF(x, y), outer)
            gradient.setStops(_glow_stops(color.rgba(), 1.0, look_of(palette)))
            painter.fillRect(QRectF(x - outer, y - outer, 2 * outer, 2 * outer), gradient)
        painter.end()
        pictures.append(image)
    assert largest_difference(*pictures) <= 1


def test_a_palette_colour_changed_by_its_caller_leaves_the_palette_as_it_was() -> None:
    text = LIGHT.color("text")
    text.setAlpha(10)
    assert LIGHT.color("text").alpha() == 255
    assert LIGHT.color("text") == QColor("#" + LIGHT.text.lstrip("#"))


def test_the_seconds_count_changes_exactly_on_the_second(
    player: PlayerPage, clock: FakeClock
) -> None:
    start_and_play_to(player, clock, 8000)  # the exhale, 8.0–11.0 s
    shown, now_ms = [], 8000
    for t_ms in (8001, 8999, 9000, 9001, 9999, 10_000):
        clock.advance((t_ms - now_ms) / 1000)
        now_ms = t_ms
        player.refresh()
        shown.append(player.stage.seconds.text())
    assert shown == ["3", "3", "2", "2", "2", "1"]


def test_a_frame_reads_the_clock_and_works_out_the_moment_once(
    player: PlayerPage, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_and_play_to(player, clock, 4500)  # breathing in
    transport = player.transport
    assert transport is not None
    reads: list[float] = []
    moments: list[int] = []
    real_now, real_at = clock.now, transport.timeline.at

    def counted_now() -> float:
        reads.append(real_now())
        return reads[-1]

    def counted_at(t_ms: int) -> Moment:
        moments.append(t_ms)
        return real_at(t_ms)

    monkeypatch.setattr(clock, "now", counted_now)
    monkeypatch.setattr(transport.timeline, "at", counted_at)
    for _ in range(10):
        clock.advance(0.016)
        player.refresh()
    assert len(reads) == 10
    assert len(moments) == 10
    assert player.stage.view.on_screen_moment == real_at(moments[-1])
