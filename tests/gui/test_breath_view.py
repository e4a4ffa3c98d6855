"""The breathing animation paints exactly the moment it is shown, in every style and theme."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from pfrelax.core.easing import cycle_segments
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import (
    BreatheStep,
    PelvicFloorStep,
    PelvicKind,
    Prompts,
    RestStep,
    Session,
    SpeakStep,
)
from pfrelax.core.timeline import SegmentKind, Timeline, compile_session
from pfrelax.ui.common.theme import DARK, LIGHT, Palette
from pfrelax.ui.player.breath_path_layout import _path_box, _phase_span
from pfrelax.ui.player.breath_path_track import rounded_track
from pfrelax.ui.player.breath_view import BreathStyle, BreathView
from pfrelax.ui.player.breath_wave import WAVE_SPAN_MS, visible_segments

SIP_AND_HOLD = Pattern(
    inhale_ms=4000, top_up_ms=1000, hold_in_ms=2000, exhale_ms=6000, hold_out_ms=2000
)


def _session() -> Session:
    """Speak 0–6 s; two 15 s breaths with a top-up and holds (6–36 s); rest 36–44 s; one pelvic
    floor rep (contract 2 s, release 4 s, rest 2 s: 44–52 s), so every segment kind is here."""
    return Session(
        id="breath-view-test",
        title="Breath view test",
        steps=(
            SpeakStep("Arrive", "Settle in. Let your jaw soften.", seconds_ms=6000),
            BreatheStep(
                "Sip and hold",
                SIP_AND_HOLD,
                cycles=2,
                prompts=Prompts(inhale="In", top_up="Sip", hold="Stay soft", exhale="Out"),
            ),
            RestStep("Rest", 8000, "Nothing to do."),
            PelvicFloorStep(
                "Draw up, let go", PelvicKind.CONTRACT_RELEASE, 1, 30, 2000, 4000, 2000
            ),
        ),
    )


TIMELINE = compile_session(_session())
PALETTES = [pytest.param(DARK, id="dark"), pytest.param(LIGHT, id="light")]


def time_in(kind: SegmentKind, fraction: float, timeline: Timeline = TIMELINE) -> int:
    """A time `fraction` of the way through the first segment of `kind`."""
    segment = next(s for s in timeline.segments if s.kind is kind)
    return segment.start_ms + round(segment.duration_ms * fraction)


@pytest.fixture
def view(qtbot: QtBot) -> BreathView:
    widget = BreathView()
    qtbot.addWidget(widget)
    widget.set_timeline(TIMELINE)
    widget.resize(240, 240)
    return widget


def picture(view: BreathView, t_ms: int, *, paused: bool = False) -> QImage:
    view.show_moment(TIMELINE.at(t_ms), paused=paused)
    return view.grab().toImage()


def fraction_at(view: BreathView, t_ms: int) -> float:
    view.show_moment(TIMELINE.at(t_ms))
    return view.size_fraction()


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("style", list(BreathStyle))
def test_every_style_paints_exactly_the_moment_it_is_shown(
    view: BreathView, style: BreathStyle, palette: Palette
) -> None:
    view.set_style(style)
    view.set_palette(palette)
    for kind in SegmentKind:
        for fraction in (0.0, 0.5, 0.999):
            t = time_in(kind, fraction)
            view.show_moment(TIMELINE.at(t))
            view.grab()
            painted = view.painted_moment
            assert painted is not None
            assert painted.kind == TIMELINE.at(t).kind == kind
            assert painted.time_ms == t
            assert painted == TIMELINE.at(t)


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("style", list(BreathStyle))
def test_reduced_motion_paints_the_moment_shown_in_every_style(
    view: BreathView, style: BreathStyle, palette: Palette
) -> None:
    view.set_style(style)
    view.set_palette(palette)
    view.set_reduced_motion(True)
    for kind in SegmentKind:
        t = time_in(kind, 0.5)
        picture(view, t)
        assert view.painted_moment == TIMELINE.at(t)


def test_the_end_of_the_session_paints_the_finished_moment(view: BreathView) -> None:
    picture(view, TIMELINE.duration_ms)
    assert view.painted_moment is not None
    assert view.painted_moment.finished


def test_before_any_moment_the_view_paints_an_idle_orb_and_reports_none(
    qtbot: QtBot,
) -> None:
    widget = BreathView(palette=LIGHT)
    qtbot.addWidget(widget)
    widget.resize(200, 200)
    image = widget.grab().toImage()
    assert widget.painted_moment is None
    assert image.pixelColor(100, 100) != QColor(LIGHT.background)


def test_the_orb_grows_from_about_40_to_90_percent_through_the_inhale(view: BreathView) -> None:
    start = fraction_at(view, time_in(SegmentKind.INHALE, 0.0))
    end = fraction_at(view, time_in(SegmentKind.INHALE, 1.0))
    assert start == pytest.approx(0.40)
    assert end == pytest.approx(0.90)


def test_the_orb_grows_slowly_at_the_ends_of_the_inhale_like_a_breath(view: BreathView) -> None:
    first_tenth = fraction_at(view, time_in(SegmentKind.INHALE, 0.1)) - 0.40
    middle_tenth = fraction_at(view, time_in(SegmentKind.INHALE, 0.55)) - fraction_at(
        view, time_in(SegmentKind.INHALE, 0.45)
    )
    assert first_tenth < middle_tenth / 4


def test_a_top_up_swells_the_orb_past_a_full_inhale(view: BreathView) -> None:
    full = fraction_at(view, time_in(SegmentKind.INHALE, 0.999))
    sipped = fraction_at(view, time_in(SegmentKind.TOP_UP, 0.999))
    assert sipped > full
    assert sipped == pytest.approx(0.97, abs=0.01)


@pytest.mark.parametrize("kind", [SegmentKind.HOLD_IN, SegmentKind.HOLD_OUT])
def test_holds_keep_the_orb_the_same_size(view: BreathView, kind: SegmentKind) -> None:
    sizes = {round(fraction_at(view, time_in(kind, f)), 9) for f in (0.0, 0.3, 0.7, 0.999)}
    assert len(sizes) == 1


def test_the_orb_shrinks_back_through_the_exhale(view: BreathView) -> None:
    start = fraction_at(view, time_in(SegmentKind.EXHALE, 0.0))
    middle = fraction_at(view, time_in(SegmentKind.EXHALE, 0.5))
    end = fraction_at(view, time_in(SegmentKind.EXHALE, 1.0))
    assert start > middle > end == pytest.approx(0.40)


@pytest.mark.parametrize("kind", [SegmentKind.SPEAK, SegmentKind.REST])
def test_speaking_and_resting_show_a_calm_half_sized_orb(
    view: BreathView, kind: SegmentKind
) -> None:
    assert fraction_at(view, time_in(kind, 0.5)) == pytest.approx(0.55, abs=0.03)


def test_reduced_motion_keeps_the_disc_one_size_but_shows_the_phase_by_brightness(
    view: BreathView,
) -> None:
    view.set_reduced_motion(True)
    start, end = time_in(SegmentKind.INHALE, 0.0), time_in(SegmentKind.INHALE, 0.999)
    assert fraction_at(view, start) == fraction_at(view, end)
    centre = view.rect().center()
    dim = picture(view, start).pixelColor(centre)
    bright = picture(view, end).pixelColor(centre)
    assert bright.lightnessF() > dim.lightnessF() + 0.05


@pytest.mark.parametrize("style", list(BreathStyle))
def test_a_paused_picture_holds_completely_still(view: BreathView, style: BreathStyle) -> None:
    view.set_style(style)
    t = time_in(SegmentKind.HOLD_IN, 0.4)
    first = picture(view, t, paused=True)
    view.show_moment(TIMELINE.at(t + 1), paused=False)  # anything in between
    view.grab()
    again = picture(view, t, paused=True)
    assert first == again
    assert bytes(first.constBits()) == bytes(again.constBits())


def test_a_paused_picture_dims_slightly(view: BreathView) -> None:
    t = time_in(SegmentKind.INHALE, 0.999)
    centre = view.rect().center()
    playing = picture(view, t).pixelColor(centre)
    paused = picture(view, t, paused=True).pixelColor(centre)
    assert paused != playing
    assert abs(paused.lightnessF() - playing.lightnessF()) < 0.3


@pytest.mark.parametrize("style", list(BreathStyle))
def test_every_style_moves_with_the_breath(view: BreathView, style: BreathStyle) -> None:
    view.set_style(style)
    early = picture(view, time_in(SegmentKind.INHALE, 0.2))
    late = picture(view, time_in(SegmentKind.INHALE, 0.8))
    assert early != late


def _drawn_box(image: QImage, background: QColor) -> tuple[int, int, int, int]:
    """Bounding box (left, top, right, bottom) of pixels clearly unlike the background."""
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(0, image.width(), 2):
            color = image.pixelColor(x, y)
            distance = (
                abs(color.red() - background.red())
                + abs(color.green() - background.green())
                + abs(color.blue() - background.blue())
            )
            if distance > 90:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize(("width", "height"), [(360, 180), (180, 360)])
def test_the_orb_stays_round_and_centred_at_any_aspect_ratio(
    view: BreathView, width: int, height: int
) -> None:
    view.resize(width, height)
    image = picture(view, time_in(SegmentKind.INHALE, 0.999))
    left, top, right, bottom = _drawn_box(image, QColor(DARK.background))
    assert (left + right) / 2 == pytest.approx(width / 2, abs=3)
    assert (top + bottom) / 2 == pytest.approx(height / 2, abs=3)
    assert right - left == pytest.approx(bottom - top, abs=4)


def test_the_wave_reads_only_the_segments_it_shows_even_in_an_eight_hour_session() -> None:
    eight_hours = compile_session(
        Session(
            id="long",
            title="Long",
            steps=(BreatheStep("All night", SIP_AND_HOLD, target_ms=8 * 3600 * 1000),),
        )
    )
    now = 4 * 3600 * 1000
    shown = visible_segments(eight_hours, now - WAVE_SPAN_MS / 3, now + WAVE_SPAN_MS * 2 / 3)
    assert eight_hours.segment_index_at(now) in shown
    assert len(shown) <= 12  # two breaths of five phases each, plus partial ones at the edges
    assert len(eight_hours) > 9000


def test_the_view_names_itself_for_screen_readers(view: BreathView) -> None:
    assert view.accessibleName() == "Breathing animation"
    assert "grows as you breathe in" in view.accessibleDescription()
    view.set_style(BreathStyle.PATH)
    assert "rounded box" in view.accessibleDescription()
    view.set_reduced_motion(True)
    assert "brightens as you breathe in" in view.accessibleDescription()


def test_the_view_asks_for_a_sensible_square_size(view: BreathView) -> None:
    minimum = view.minimumSizeHint()
    # Small: at 200 % on a 1280×800 screen the words and controls need the room first.
    assert minimum.width() == minimum.height() >= 48
    assert view.sizeHint().width() == view.sizeHint().height() >= 320


@pytest.mark.parametrize(
    "pattern",
    [
        SIP_AND_HOLD,
        Pattern(inhale_ms=4000, exhale_ms=6000),
        Pattern(inhale_ms=4000, exhale_ms=8000, hold_in_ms=7000),
        Pattern(inhale_ms=4000, exhale_ms=4000, hold_in_ms=4000, hold_out_ms=4000),
    ],
    ids=["sip-and-holds", "no-holds", "hold-in-only", "box"],
)
def test_the_path_dot_never_jumps_from_one_phase_to_the_next(pattern: Pattern) -> None:
    timeline = compile_session(
        Session(id="p", title="P", steps=(BreatheStep("Breathe", pattern, cycles=2),))
    )
    cycle = cycle_segments(timeline.segments, 0)
    box = _path_box(QRectF(0, 0, 300, 300), cycle)
    total = rounded_track(box)[1]
    spans = [_phase_span(box, cycle, segment.kind) for segment in cycle]
    for (_, end), (start, _) in itertools.pairwise([*spans, spans[0]]):
        assert end % total == pytest.approx(start % total)
    travelled = sum(end - start for start, end in spans)
    assert travelled == pytest.approx(total)  # one loop per breath


def _on_screen(view: BreathView) -> QImage:
    """What the window system was last given for the view (not a fresh full repaint)."""
    device = view.backingStore().paintDevice()
    assert isinstance(device, QImage)  # the raster backing store of a top-level widget
    return device.copy(view.rect()).convertToFormat(QImage.Format.Format_RGB32)


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("style", list(BreathStyle))
@pytest.mark.parametrize("reduced", [False, True], ids=["moving", "reduced"])
def test_frame_by_frame_painting_leaves_the_same_picture_as_a_full_repaint(
    qtbot: QtBot, style: BreathStyle, palette: Palette, reduced: bool
) -> None:
    # Each frame repaints only the part that changes (the orb's square); growing, shrinking and
    # changing step must leave no trace of earlier frames behind.
    view = BreathView(palette=palette, style=style)
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.set_reduced_motion(reduced)
    view.resize(300, 220)
    view.show()
    first = TIMELINE.at(3000)
    view.show_moment(first)
    qtbot.waitUntil(lambda: view.painted_moment == first)  # on screen now
    for t in range(4000, 40000, 450):  # speak, the breaths (growing and shrinking), rest
        view.show_moment(TIMELINE.at(t), now=True)
    view.show_moment(TIMELINE.at(time_in(SegmentKind.HOLD_OUT, 0.5)), now=True)
    full = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert _on_screen(view) == full


def test_a_palette_change_repaints_the_orb_in_the_new_colours(qtbot: QtBot) -> None:
    t = time_in(SegmentKind.INHALE, 0.6)
    fresh = BreathView(palette=LIGHT)
    qtbot.addWidget(fresh)
    fresh.set_timeline(TIMELINE)
    fresh.resize(240, 240)
    light = picture(fresh, t)
    view = BreathView(palette=DARK)
    qtbot.addWidget(view)
    view.set_timeline(TIMELINE)
    view.resize(240, 240)
    dark = picture(view, t)  # the view now keeps this moment's Frame (dark colours)
    view.set_palette(LIGHT)
    again = view.grab().toImage()
    centre = view.rect().center()
    assert again.pixelColor(centre) != dark.pixelColor(centre)
    assert again == light
