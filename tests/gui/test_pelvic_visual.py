"""The pelvic floor picture as a person sees it: in every style and in reduced motion, light and
dark, only while a pelvic floor or dilator step plays, read back from the window's pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.timeline import compile_session
from pfrelax.ui.common.theme import LIGHT, Palette
from pfrelax.ui.player.breath_styles import BreathStyle
from pfrelax.ui.player.pelvic_visual import PelvicLook, bowl_geometry, presence
from pfrelax.ui.player.player_page import PlayerPage

from .conftest import every_kind_session
from .practice_sessions import dilator_session, pelvic_session
from .test_count_in_pixels import on_screen, pixels_like

COUNT_IN_S = 3.0
STYLES = [BreathStyle.ORB, BreathStyle.WAVE, BreathStyle.PATH]


def play_pelvic_to(player: PlayerPage, clock: FakeClock, qtbot: QtBot, t_ms: int) -> None:
    player.load(pelvic_session())
    player.pre_start.start_button.click()
    clock.advance(COUNT_IN_S + t_ms / 1000)
    painted(player, qtbot)


def painted(player: PlayerPage, qtbot: QtBot) -> PelvicLook:
    """Paint a frame at the clock's time and wait until the bowl on screen is that moment's."""
    player.refresh()
    view = player.stage.pelvic
    assert player.transport is not None
    now = player.transport.position_ms()
    qtbot.waitUntil(lambda: view.painted_moment is not None and view.painted_moment.time_ms == now)
    assert view.painted_look is not None
    return view.painted_look


def bowl_pixels(player: PlayerPage) -> int:
    """Pixels of the bowl's colour where the pelvic picture is on screen."""
    look = player.stage.pelvic.painted_look
    assert look is not None
    view = player.stage.pelvic
    shown: QImage = on_screen(player)
    area = QRect(view.mapTo(player, QPoint(0, 0)), view.size())
    return pixels_like(shown, area, look.color, tolerance=12)


@pytest.mark.parametrize("reduced", [False, True], ids=["moving", "reduced"])
@pytest.mark.parametrize("style", STYLES)
def test_the_bowl_is_on_screen_during_a_release_in_every_style(
    player: PlayerPage,
    clock: FakeClock,
    qtbot: QtBot,
    themed: Palette,
    style: BreathStyle,
    reduced: bool,
) -> None:
    player.preferences.change(animation_style=style.value, reduced_motion=reduced)
    player.set_palette(themed)
    play_pelvic_to(player, clock, qtbot, 9000)  # near the end of the first release
    qtbot.waitUntil(lambda: not player.fading)
    assert player.stage.pelvic.isVisible()
    assert player.stage.phase.text() == "Soften and let go"
    qtbot.waitUntil(lambda: bowl_pixels(player) > 100)


@pytest.mark.parametrize("style", STYLES)
def test_no_bowl_while_narration_speaks(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot, themed: Palette, style: BreathStyle
) -> None:
    player.preferences.change(animation_style=style.value)
    player.set_palette(themed)
    play_pelvic_to(player, clock, qtbot, 2000)  # the welcome, before any pelvic floor step
    qtbot.waitUntil(lambda: not player.fading)
    look = player.stage.pelvic.painted_look
    assert look is not None
    assert look.alpha == 0.0
    view = player.stage.pelvic
    area = QRect(view.mapTo(player, QPoint(0, 0)), view.size())
    background = themed.color("background")
    every = area.width() * area.height()
    qtbot.waitUntil(lambda: pixels_like(on_screen(player), area, background, 2) == every)


def test_it_drops_and_widens_on_release_and_lifts_a_little_on_a_contraction(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    play_pelvic_to(player, clock, qtbot, 34_500)  # the end of the gentle contraction
    view = player.stage.pelvic
    lifted = view.painted_look
    assert lifted is not None
    assert lifted.level > 0.9
    assert player.stage.phase.text() == "Gently draw up — about a third"
    clock.advance(7.5)  # 42 s: the release after it
    released = painted(player, qtbot)
    assert released.level < -0.9
    assert player.stage.phase.text() == "Let go completely"
    clock.advance(4.5)  # 46.5 s: resting
    painted(player, qtbot)
    assert player.stage.phase.text() == "Nothing to do now"
    area = QRectF(view.rect())
    rest, up, down = (bowl_geometry(area, level) for level in (0.0, lifted.level, -1.0))
    assert down.bottom > rest.bottom > up.bottom  # deeper on release, higher when drawn up
    assert down.right.x() - down.left.x() > rest.right.x() - rest.left.x()  # and wider
    assert up.left.y() < rest.left.y()  # the rims lift a little


def test_reduced_motion_keeps_the_shape_and_changes_only_the_colour(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    player.preferences.change(reduced_motion=True)
    play_pelvic_to(player, clock, qtbot, 34_500)
    lifted = player.stage.pelvic.painted_look
    clock.advance(7.5)
    released = painted(player, qtbot)
    assert lifted is not None
    assert lifted.level == released.level == 0.0
    assert lifted.color != released.color


def test_a_paused_bowl_stays_still(player: PlayerPage, clock: FakeClock, qtbot: QtBot) -> None:
    play_pelvic_to(player, clock, qtbot, 6000)
    player.pause()
    shown = painted(player, qtbot)
    clock.advance(3.0)
    assert painted(player, qtbot) == shown


def test_only_sessions_with_pelvic_floor_or_dilator_steps_show_it(player: PlayerPage) -> None:
    player.load(every_kind_session())
    assert player.stage.pelvic.isHidden()
    assert player.stage.stage_controls.isHidden()
    player.load(dilator_session())
    assert not player.stage.pelvic.isHidden()
    assert not player.stage.stage_controls.isHidden()


def test_in_a_dilator_step_the_floor_drops_with_the_in_breath(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    player.load(dilator_session())
    player.pre_start.start_button.click()
    clock.advance(COUNT_IN_S + 3.9)  # the end of the first in-breath
    full = painted(player, qtbot)
    clock.advance(5.9)  # the end of the out-breath
    empty = painted(player, qtbot)
    assert full.level < -0.5 < empty.level


def test_the_frame_pace_follows_the_bowl(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    """During a release the breath picture rests, but the bowl moves: frames keep coming."""
    play_pelvic_to(player, clock, qtbot, 8000)
    assert player.stage.still_for_ms(1000) < 1000


def test_it_stays_between_two_pelvic_floor_steps_and_fades_at_their_edges() -> None:
    timeline = compile_session(pelvic_session())  # two pelvic floor steps, 4–32 s and 32–47 s
    assert presence(timeline, timeline.at(31_999)) == 1.0
    assert presence(timeline, timeline.at(32_000)) == 1.0
    assert presence(timeline, timeline.at(4_000)) == 0.0  # fading in after the narration
    assert 0.0 < presence(timeline, timeline.at(4_250)) < 1.0
    assert 0.0 < presence(timeline, timeline.at(46_750)) < 1.0  # fading out before the rest
    assert presence(timeline, timeline.at(47_000)) == 0.0


def test_reduced_motion_changes_colour_ten_times_a_second_at_most() -> None:
    timeline = compile_session(pelvic_session())
    looks = [
        PelvicLook.of(timeline.at(t), timeline, LIGHT, reduced=True) for t in (9000, 9050, 9099)
    ]
    assert looks[0] == looks[1] == looks[2]
    assert PelvicLook.of(timeline.at(9100), timeline, LIGHT, reduced=True) != looks[0]
