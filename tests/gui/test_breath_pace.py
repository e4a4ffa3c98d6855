"""Painting only what changes, only when it changes: the dirty rectangle, the half-pixel frame-skip
rule, and the frame driver sleeping while the picture is still (driven by a fake clock)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Session, SpeakStep
from pfrelax.core.timeline import SegmentKind, compile_session
from pfrelax.ui.player.breath_pace import words_change_in_ms
from pfrelax.ui.player.breath_styles import STILL_STEP_MS
from pfrelax.ui.player.breath_view import BreathStyle, BreathView
from pfrelax.ui.player.frame_driver import FRAME_INTERVAL_MS
from pfrelax.ui.player.player_page import PlayerPage

BOX = Pattern(inhale_ms=4000, hold_in_ms=4000, exhale_ms=4000, hold_out_ms=4000)


def box_session() -> Session:
    """Narration 0–8 s, then box breathing: inhale 8–12 s, hold 12–16 s, exhale, hold, twice."""
    return Session(
        id="box-pace",
        title="Box",
        steps=(
            SpeakStep("Arrive", "Settle in and let the breath slow.", seconds_ms=8000),
            BreatheStep("Box", BOX, cycles=2),
        ),
    )


TIMELINE = compile_session(box_session())


class PaintLog(QObject):
    """The rectangles a widget was asked to repaint, in order."""

    def __init__(self, widget: BreathView) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]  # a QPaintEvent
        return False


@pytest.fixture
def shown_view(qtbot: QtBot) -> BreathView:
    view = BreathView()
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    first = TIMELINE.at(8000)
    view.show_moment(first)
    qtbot.waitUntil(lambda: view.painted_moment == first)
    return view


def play_frames(view: BreathView, start_ms: int, end_ms: int) -> None:
    """Show every 16 ms frame from `start_ms` to `end_ms`, painting at once as the player does."""
    for t in range(start_ms, end_ms, FRAME_INTERVAL_MS):
        view.show_moment(TIMELINE.at(t), now=True)
        assert view.on_screen_moment == TIMELINE.at(t)  # what is on screen is what is due


def test_an_orb_frame_repaints_only_the_square_it_was_and_will_be_in(
    shown_view: BreathView,
) -> None:
    log = PaintLog(shown_view)
    play_frames(shown_view, 9000, 11000)  # mid-inhale: the orb grows
    assert log.rects
    view_rect = shown_view.rect()
    for rect in log.rects:
        assert rect.width() < view_rect.width()
        assert rect.height() < view_rect.height()
        assert abs(rect.center().x() - view_rect.center().x()) <= 1
        assert abs(rect.center().y() - view_rect.center().y()) <= 1
    # Growing: each square holds the one before it.
    assert all(b.contains(a) for a, b in zip(log.rects, log.rects[1:], strict=False))


def test_a_wave_frame_repaints_the_band_when_the_trace_scrolls_a_pixel_else_only_the_dot(
    shown_view: BreathView,
) -> None:
    shown_view.set_style(BreathStyle.WAVE)
    play_frames(shown_view, 8000, 8100)  # the style change repaints everything once
    log = PaintLog(shown_view)
    play_frames(shown_view, 9000, 9500)  # the inhale: the dot rises every frame
    view_rect = shown_view.rect()
    bands = [rect for rect in log.rects if rect.width() == view_rect.width()]
    dots = [rect for rect in log.rects if rect.width() < view_rect.width()]
    for rect in bands:
        assert rect.top() > 0
        assert rect.bottom() < view_rect.bottom()
    # The trace crosses 600 px in 30 s: 10 whole pixels in these 500 ms, one band each.
    assert 9 <= len(bands) <= 11
    assert dots  # the frames in between repaint the dot, on the "now" line a third across
    for rect in dots:
        assert rect.width() < 60
        assert rect.left() < view_rect.width() / 3 < rect.right()


def test_a_moment_less_than_half_a_pixel_on_is_not_painted_again_yet_shows_as_painted(
    shown_view: BreathView,
) -> None:
    t = 9000
    shown_view.show_moment(TIMELINE.at(t), now=True)
    log = PaintLog(shown_view)
    shown_view.show_moment(TIMELINE.at(t + 1), now=True)  # the orb grows a hundredth of a pixel
    assert log.rects == []
    assert shown_view.on_screen_moment == TIMELINE.at(t + 1)
    shown_view.show_moment(TIMELINE.at(t + 400), now=True)  # a few pixels on
    assert len(log.rects) == 1


def test_a_paused_view_repaints_even_when_the_picture_stands_still(
    shown_view: BreathView,
) -> None:
    moment = TIMELINE.at(9000)
    shown_view.show_moment(moment, now=True)
    log = PaintLog(shown_view)
    shown_view.show_moment(moment, paused=True, now=True)  # dims
    assert len(log.rects) == 1


def test_an_orb_hold_paints_few_frames_in_its_middle_and_an_inhale_many(
    shown_view: BreathView,
) -> None:
    # (In the wave and path styles a hold moves: the trace scrolls, the dot travels the top.)
    log = PaintLog(shown_view)
    play_frames(shown_view, 9000, 11000)  # the middle of the inhale
    inhale = len(log.rects)
    log.rects.clear()
    play_frames(shown_view, 13000, 15000)  # the middle of the hold (its colour glides at the ends)
    hold = len(log.rects)
    # 125 frames each; the orb in a 600×400 view grows about 60 px across these two seconds.
    assert inhale >= 60
    assert hold <= 20


def test_reduced_motion_paints_at_most_ten_frames_a_second_and_each_new_phase_at_once(
    shown_view: BreathView,
) -> None:
    shown_view.set_reduced_motion(True)
    play_frames(shown_view, 8000, 8100)
    log = PaintLog(shown_view)
    play_frames(shown_view, 10000, 12000)
    assert 0 < len(log.rects) <= 2000 // STILL_STEP_MS + 1
    log.rects.clear()
    shown_view.show_moment(TIMELINE.at(11999), now=True)
    log.rects.clear()
    shown_view.show_moment(TIMELINE.at(12000), now=True)  # the hold begins: the arc starts anew
    assert len(log.rects) == 1


def test_narration_paints_almost_nothing_once_the_orb_has_settled(
    shown_view: BreathView,
) -> None:
    log = PaintLog(shown_view)
    play_frames(shown_view, 3000, 5000)  # the orb sways a few pixels over 16 s
    assert len(log.rects) <= 10


# --- the frame driver, with the player and a fake clock ---------------------------------------


def play_with_driver(player: PlayerPage, clock: FakeClock, until_ms: int) -> Counter[int]:
    """Let the frame driver run as its timer would, on the fake clock: each tick comes after the
    interval the driver asked for. Returns the ticks per second of session time, and checks that
    after each tick the picture on screen is the moment due."""
    ticks: Counter[int] = Counter()
    transport = player.transport
    assert transport is not None
    while transport.position_ms() < until_ms:
        clock.advance(player.frame_driver.interval_ms / 1000)
        player.frame_driver.tick()
        due = transport.moment()
        assert player.stage.view.on_screen_moment == due
        ticks[due.time_ms // 1000] += 1
    return ticks


def start(player: PlayerPage, clock: FakeClock, qtbot: QtBot) -> None:
    session = box_session()
    player.load(session, compile_session(session), autostart=True)
    clock.advance(player.transport.count_in_ms / 1000 if player.transport else 0)
    player.refresh()
    qtbot.waitUntil(lambda: player.stage.view.painted_moment is not None)
    # The old page fades out on real time (the picture repaints meanwhile, so the driver ticks).
    qtbot.waitUntil(lambda: not player.fading)


def test_the_frame_driver_sleeps_through_still_pictures_and_ticks_every_frame_in_motion(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start(player, clock, qtbot)
    ticks = play_with_driver(player, clock, 16_000)
    assert ticks[3] + ticks[4] <= 20  # narration, the orb settled: a few frames a second
    assert ticks[13] + ticks[14] <= 40  # the middle of the hold
    assert ticks[9] >= 55
    assert ticks[10] >= 55


def test_a_paused_or_counting_in_player_ticks_every_frame(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    session = box_session()
    player.load(session, compile_session(session), autostart=True)
    player.refresh()
    player.frame_driver.tick()
    assert player.frame_driver.interval_ms == FRAME_INTERVAL_MS  # counting in: the count moves


def test_the_words_change_at_each_whole_second_of_the_phase_and_of_the_session() -> None:
    moment = TIMELINE.at(9300)  # inhale 8–12 s: 2.7 s left; 0.3 s into the 9th second
    assert moment.kind is SegmentKind.INHALE
    assert words_change_in_ms(moment) == 700
    assert words_change_in_ms(TIMELINE.at(11_950)) == 50  # the phase ends
    assert words_change_in_ms(TIMELINE.at(12_000)) == 1000
