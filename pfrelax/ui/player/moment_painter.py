"""Paints one moment of playback: the stage, its words, the position and the announcement."""

from __future__ import annotations

from pfrelax.core.timeline import BREATH_KINDS, PELVIC_KINDS, Moment, Timeline
from pfrelax.core.transport import State
from pfrelax.ui.common.a11y import PhaseAnnouncer
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.player.breath_styles import BreathStyle
from pfrelax.ui.player.phase_text import PhaseText, phase_text
from pfrelax.ui.player.player_controls import PlayerControls
from pfrelax.ui.player.player_stage import PlayerStage
from pfrelax.ui.player.step_list import StepList

_NO_WORDS = PhaseText("", "", "", "", "")


class MomentPainter:
    """What the player shows of a moment; the words are set only when they change (a label
    set every frame would relayout and repaint for nothing)."""

    def __init__(
        self,
        stage: PlayerStage,
        controls: PlayerControls,
        step_list: StepList,
        announcer: PhaseAnnouncer,
    ) -> None:
        self._stage = stage
        self._controls = controls
        self._step_list = step_list
        self._announcer = announcer
        self._shown_text: PhaseText | None = None
        self._words_key: tuple[object, ...] | None = None  # what the words were worked out for
        self._announce_key = ""  # what the announcer is told is showing, with the words

    def forget_words(self) -> None:
        """The next paint sets the words again (a new session, a changed setting)."""
        self._shown_text = None

    def set_look(self, style: BreathStyle, reduced_motion: bool) -> None:
        """Draw the breath as `style`, moving less when `reduced_motion`."""
        self._stage.view.set_style(style)
        self._stage.view.set_reduced_motion(reduced_motion)
        self._stage.pelvic.set_reduced_motion(reduced_motion)
        self._stage.count_in.set_on_disc(style is not BreathStyle.WAVE or reduced_motion)
        self.forget_words()

    def set_palette(self, palette: Palette) -> None:
        self._stage.view.set_palette(palette)
        self._stage.pelvic.set_palette(palette)
        self._stage.count_in.set_backdrop(palette.color("surface"))
        self._controls.set_icon_color(palette.color("text"))

    def set_timeline(self, timeline: Timeline) -> None:
        """The pictures, the step list and the slider show `timeline` (new or grown)."""
        self._stage.view.set_timeline(timeline)
        self._stage.pelvic.set_timeline(timeline)
        self._step_list.set_timeline(timeline)
        self._words_key = None  # the new list marks no step yet: the next paint marks it
        self._controls.set_duration(timeline.duration_ms)

    def paint(
        self,
        moment: Moment,
        state: State,
        *,
        show_seconds: bool,
        waiting: bool,
        now: bool = False,
    ) -> None:
        self._stage.show_moment(moment, paused=state is State.PAUSED, now=now)
        # The words follow from the phase, its whole seconds left and the caption: worked out
        # only when one of those changes (about once a second), not every frame.
        words_key = (
            moment.segment,
            moment.step,
            moment.phase_left_ms // 1000,
            moment.phase_left_ms % 1000 == 0,
            moment.caption,
            show_seconds,
            state is State.COUNT_IN,
        )
        if words_key != self._words_key or self._shown_text is None:
            self._words_key = words_key
            # A breath phase is announced when its kind changes; narration and rest per step.
            kind = moment.kind
            phased = kind in BREATH_KINDS or kind in PELVIC_KINDS
            self._announce_key = kind.value if phased else f"step-{moment.step.index}"
            text = phase_text(moment, show_seconds=show_seconds)
            if state is State.COUNT_IN:
                text = _NO_WORDS
            if text != self._shown_text:
                self._shown_text = text
                self._stage.show_text(text)
            self._step_list.set_current(moment.step.index)  # the step is in the words' key
        text = self._shown_text
        assert text is not None  # set just above when none was shown yet
        self._controls.set_position(moment.time_ms)
        self._stage.stage_controls.show_moment(moment, waiting=waiting)
        if state is State.PLAYING:
            self._announcer.offer(self._announce_key, text.announcement)
