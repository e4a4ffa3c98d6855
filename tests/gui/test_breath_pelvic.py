"""The wave and path styles during pelvic floor reps: their line and tide follow the floor (down
as it lets go, a little up as it draws up), in the bowl's colours, instead of resting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from pfrelax.core.easing import REST_LEVEL
from pfrelax.core.pelvic import pelvic_level
from pfrelax.core.timeline import SegmentKind, compile_session
from pfrelax.ui.common.theme import DARK, LIGHT, Palette
from pfrelax.ui.player.breath_path import floor_look, path_change
from pfrelax.ui.player.breath_pelvic import bowl_color
from pfrelax.ui.player.breath_styles import HALO, Frame
from pfrelax.ui.player.breath_view import BreathStyle, BreathView
from pfrelax.ui.player.breath_wave import wave_dot

from .practice_sessions import pelvic_session
from .test_count_in_pixels import pixels_like

# Release reps 4–32 s (release 10 s, rest 4 s); a draw-up 32–35 s, release 35–43 s, rest 43–47 s.
TIMELINE = compile_session(pelvic_session())
RELEASE, CONTRACT = 9000, 34_500


def frame_at(t_ms: int, palette: Palette = LIGHT) -> Frame:
    return Frame(TIMELINE.at(t_ms), TIMELINE, palette)


def test_the_wave_dot_dips_as_the_floor_lets_go_and_lifts_as_it_draws_up() -> None:
    assert frame_at(RELEASE).moment.kind is SegmentKind.PF_RELEASE
    assert frame_at(CONTRACT).moment.kind is SegmentKind.PF_CONTRACT
    released, _ = wave_dot(frame_at(RELEASE))
    drawn_up, _ = wave_dot(frame_at(CONTRACT))
    assert released < REST_LEVEL - 0.1
    assert drawn_up > REST_LEVEL
    # The breath view's own level rests meanwhile; the wave shows the floor instead.
    assert frame_at(RELEASE).level > released


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_the_wave_dot_and_the_path_tide_wear_the_bowls_colours(palette: Palette) -> None:
    area = QRectF(0, 0, 600, 400)
    for t in (RELEASE, CONTRACT):
        frame = frame_at(t, palette)
        _, dot = wave_dot(frame)
        _, _, tide = floor_look(area, frame)
        assert dot == tide
    _, dot = wave_dot(frame_at(CONTRACT, palette))
    assert dot == bowl_color(palette, pelvic_level(TIMELINE, CONTRACT))
    assert dot != palette.color("breath_out")  # not the resting lavender: towards sand


def test_the_path_tide_is_lower_in_a_release_than_in_a_draw_up() -> None:
    area = QRectF(0, 0, 600, 400)
    _, released, _ = floor_look(area, frame_at(RELEASE))
    _, drawn_up, _ = floor_look(area, frame_at(CONTRACT))
    assert released > drawn_up  # screen y grows downwards


@pytest.mark.parametrize("style", [BreathStyle.WAVE, BreathStyle.PATH])
def test_a_release_shows_the_floor_in_the_bowls_colour_not_the_resting_picture(
    qtbot: QtBot, style: BreathStyle
) -> None:
    view = BreathView(palette=LIGHT, style=style)
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.resize(600, 400)
    moment = TIMELINE.at(RELEASE)
    view.show_moment(moment)
    image = view.grab().toImage()
    _, color = wave_dot(frame_at(RELEASE))
    # The dot, in the bowl's letting-go colour, stands low in the picture.
    low = pixels_like(image, view.rect().adjusted(0, 200, 0, 0), color, tolerance=8)
    high = pixels_like(image, view.rect().adjusted(0, 0, 0, -200), color, tolerance=8)
    assert low > 20
    assert high < low


def test_the_path_repaints_where_the_floating_dot_was_and_where_it_is() -> None:
    """A late frame (the tide moved 12 px): both dots' squares are in the dirty rectangle (it
    used to hold only the new one, leaving the old dot's lower halo on screen)."""
    area = QRectF(0, 0, 600, 400)
    before, after = frame_at(5000), frame_at(5300)
    changed = path_change(area, before, after)
    assert changed is not None
    box, top_before, _ = floor_look(area, before)
    _, top_after, _ = floor_look(area, after)
    assert top_before - top_after > 10  # the floor draws up: the tide rises
    glow = max(7.0, max(2.0, 400 * 0.008) * 4.5) * HALO  # the dot's halo (paint_path)
    for top in (top_before, top_after):
        dot = QRectF(box.center().x() - glow, top - glow, 2 * glow, 2 * glow)
        assert changed.contains(dot)
