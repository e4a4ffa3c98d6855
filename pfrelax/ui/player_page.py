"""The session player: pre-start panel, the breathing stage with its bottom bar, and the end panel.

The transport (pure, over an injected clock) owns time. This page only turns user actions into
transport commands and, on each frame, paints what `transport.moment()` says. It runs a frame
timer only while the count-in or the session is moving; paused, finished or idle it has none.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from pfrelax.core.clock import Clock
from pfrelax.core.session import Session
from pfrelax.core.settings import Settings
from pfrelax.core.timeline import BREATH_KINDS, PELVIC_KINDS, Moment, Timeline, compile_session
from pfrelax.core.transport import State, Transport
from pfrelax.ui import texts
from pfrelax.ui.a11y import PhaseAnnouncer
from pfrelax.ui.breath_pace import words_change_in_ms
from pfrelax.ui.breath_styles import BreathStyle
from pfrelax.ui.fade import CrossFade
from pfrelax.ui.frame_driver import FRAME_INTERVAL_MS, FrameDriver
from pfrelax.ui.help_dialogs import stop_rules_box
from pfrelax.ui.labels import text_label
from pfrelax.ui.phase_text import PhaseText, count_in_text, phase_text
from pfrelax.ui.player_bar import PlayerBar
from pfrelax.ui.player_controls import PlayerControls
from pfrelax.ui.player_panels import EndPanel, PreStartPanel
from pfrelax.ui.player_stage import PlayerStage
from pfrelax.ui.player_style import player_sheet
from pfrelax.ui.sound_panel import SoundPanel
from pfrelax.ui.stage_controls import continue_offered, end_note
from pfrelax.ui.step_list import StepList
from pfrelax.ui.theme import Palette

_MOVING = (State.COUNT_IN, State.PLAYING)
_COMPACT_HEIGHT_EM = 32  # shorter than this (200 % on 1280×800), the bottom bar is compact


class PlayerPage(QWidget):
    session_started = Signal(object)  # Session: the count-in began
    session_finished = Signal(object)  # Session: played to its end (the check-in follows)
    session_stopped = Signal(object)  # Session: the person stopped it early
    back_requested = Signal()
    state_changed = Signal(str)  # a transport State value: "count_in", "playing", "paused"…
    transport_created = Signal(object)  # Transport: a session was loaded (sound hooks on here)

    def __init__(
        self, clock: Clock, settings: Settings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._settings = settings or Settings()
        self._session: Session | None = None
        self._transport: Transport | None = None
        self._last_state = State.IDLE
        self._shown_text: PhaseText | None = None
        # Called with (session, proceed) when Start is pressed; the before check-in uses it and
        # calls proceed() once it is saved or skipped. None starts at once.
        self.before_start: Callable[[Session, Callable[[], None]], None] | None = None

        self.pre_start = PreStartPanel()
        self.stage = PlayerStage()
        self.end = EndPanel()
        self.controls = PlayerControls()
        self.step_list = StepList()
        self.sound_panel = SoundPanel()  # folded away until its "Sound" button is pressed
        self.bottom_bar = PlayerBar(self.step_list, self.controls, self.sound_panel)
        self.frame_driver = FrameDriver(self.refresh, self, pace=self._frame_pace_ms)
        self.announcer = PhaseAnnouncer(self.stage.phase, clock)
        self._build_layout()
        self._connect()
        self._actions = self._build_actions()
        # M mutes wherever focus is while the player shows, even with the panel folded away.
        self.addAction(self.sound_panel.mute_action)
        self._actions.append(self.sound_panel.mute_action)
        self._set_tab_order()
        self.apply_settings(self._settings)
        self._set_keys_enabled(False)

    # --- building ---------------------------------------------------------------------------
    def _build_layout(self) -> None:
        running = QWidget()
        column = QVBoxLayout(running)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stage, 1)
        column.addWidget(self.bottom_bar)
        self.empty = text_label("Choose a session in the library to begin.", quiet=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        for page in (self.empty, self.pre_start, running, self.end):
            self.pages.addWidget(page)
        self._running_page = running
        self._fade = CrossFade(self.pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    @property
    def compact(self) -> bool:
        """Too short for everything (200 % on a small screen): the bottom bar is compact."""
        return self.height() < self.fontMetrics().height() * _COMPACT_HEIGHT_EM

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.bottom_bar.compact != self.compact:
            self.bottom_bar.set_compact(self.compact)

    def _connect(self) -> None:
        self.pre_start.start_clicked.connect(self._on_pre_start_start_clicked)
        self.pre_start.stop_rules_clicked.connect(self._on_pre_start_stop_rules_clicked)
        self.end.back_clicked.connect(self.back_requested)
        self.controls.play_pause_clicked.connect(self.toggle)
        self.controls.previous_clicked.connect(self.previous_step)
        self.controls.restart_clicked.connect(self.restart_step)
        self.controls.next_clicked.connect(self.next_step)
        self.controls.stop_clicked.connect(self.stop)
        self.controls.seek_requested.connect(self.seek)
        self.step_list.step_chosen.connect(self.seek)
        self.stage.stage_controls.continue_clicked.connect(self.continue_stage)
        self.stage.stage_controls.stop_clicked.connect(self.stop)

    def _set_tab_order(self) -> None:
        """Left to right along the transport, then the progress bar, then the steps."""
        c = self.controls
        chain = [
            c.previous_button,
            c.restart_button,
            c.play_button,
            c.next_button,
            c.stop_button,
            self.sound_panel.reveal_button,
            *self.sound_panel.controls(),
            c.slider,
            self.step_list,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    def _build_actions(self) -> list[QAction]:
        keys: list[tuple[str, str, Callable[[], None]]] = [
            ("Play or pause", "Space", self._on_space),
            ("Previous step", "Left", self.previous_step),
            ("Next step", "Right", self.next_step),
            ("Restart step", "R", self.restart_step),
        ]
        actions = []
        for text, key, slot in keys:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            # Window-wide while this page shows (enabled in showEvent), so the keys work
            # wherever focus is, e.g. on a transport button.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            actions.append(action)
        return actions

    # --- public API ---------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def transport(self) -> Transport | None:
        return self._transport

    @property
    def state(self) -> State:
        return self._transport.state if self._transport is not None else State.IDLE

    @property
    def is_moving(self) -> bool:
        return self.state in _MOVING

    @property
    def fading(self) -> bool:
        """Whether the page left last is still fading out."""
        return self._fade.running

    def set_clock(self, clock: Clock) -> None:
        """The clock for sessions loaded from now on (tests pass a FakeClock)."""
        self._clock = clock
        self.announcer.set_clock(clock)

    def load(
        self, session: Session, timeline: Timeline | None = None, *, autostart: bool = False
    ) -> None:
        """Show `session`: its pre-start panel, or (autostart) straight into the count-in.

        Autostart skips the panel, so a safety note, if the session has one, stays on screen.
        """
        self.shutdown()
        timeline = timeline or compile_session(session)
        self._session = session
        self._transport = Transport(
            timeline, self._clock, count_in_ms=self._settings.count_in_seconds * 1000
        )
        self._transport.on_state_changed(self._on_transport_state_changed)
        self._transport.on_timeline_changed(self._on_transport_timeline_changed)
        self.transport_created.emit(self._transport)
        self._last_state = State.IDLE
        self._shown_text = None
        self.announcer.reset()
        self.stage.view.set_timeline(timeline)
        self.stage.pelvic.set_timeline(timeline)
        self.stage.stage_controls.set_timeline(timeline)
        self.stage.set_safety(session.safety if autostart else "")
        self.step_list.set_timeline(timeline)
        self.controls.set_duration(timeline.duration_ms)
        asks = self.before_start is not None and "before" in session.checkin
        self.pre_start.show_session(session, timeline.duration_ms, checkin_first=asks)
        self._show_page(self.pre_start)
        self._paint(timeline.at(0), State.IDLE)
        if autostart:
            self.start()
        else:
            self.pre_start.start_button.setFocus()

    def start(self) -> None:
        if self._transport is None:
            return
        self._show_page(self._running_page)
        self._transport.start()
        self.controls.play_button.setFocus()
        if self._session is not None:
            self.session_started.emit(self._session)

    def toggle(self) -> None:
        if self._transport is not None and self.state not in (State.FINISHED, State.STOPPED):
            if self.state is State.IDLE:
                self._on_pre_start_start_clicked()
            else:
                self._transport.toggle()

    def pause(self) -> None:
        if self._transport is not None:
            self._transport.pause()

    def previous_step(self) -> None:
        self._command(lambda t: t.previous_step())

    def next_step(self) -> None:
        self._command(lambda t: t.next_step())

    def restart_step(self) -> None:
        self._command(lambda t: t.restart_step())

    def seek(self, position_ms: int) -> None:
        self._command(lambda t: t.seek(position_ms))

    def stop(self) -> None:
        if self._transport is not None:
            self._transport.stop()

    def continue_stage(self) -> None:
        """Continue: a patient-paced stay ends after the breath under way."""
        self._command(lambda t: t.continue_stage())

    def escape(self) -> None:
        """Esc: stop a running session; otherwise go back to the library."""
        if self.pages.currentWidget() is self._running_page and self.state not in (
            State.FINISHED,
            State.STOPPED,
        ):
            self.stop()
        else:
            self.back_requested.emit()

    def shutdown(self) -> None:
        """Stop the session (if any) and every timer: the window is closing or moving on."""
        if self._transport is not None:
            self._transport.stop()
        self.frame_driver.stop()
        self._finish_fades()

    def _show_page(self, page: QWidget) -> None:
        """Switch to `page`, the old one fading out over it; nothing pops up."""
        self._fade.switch_to(page)

    def _finish_fades(self) -> None:
        self._fade.finish()

    def apply_settings(self, settings: Settings) -> None:
        self._settings = settings
        style = BreathStyle(settings.animation_style)
        self.stage.view.set_style(style)
        self.stage.view.set_reduced_motion(settings.reduced_motion)
        self.stage.pelvic.set_reduced_motion(settings.reduced_motion)
        self.stage.count_in.set_on_disc(style is not BreathStyle.WAVE or settings.reduced_motion)
        self._shown_text = None
        if self._transport is not None:
            self._transport.count_in_ms = settings.count_in_seconds * 1000
            self.refresh()

    def set_palette(self, palette: Palette) -> None:
        self.stage.view.set_palette(palette)
        self.stage.pelvic.set_palette(palette)
        self.stage.count_in.set_backdrop(palette.color("surface"))
        self.controls.set_icon_color(palette.color("text"))
        self.setStyleSheet(player_sheet(palette))

    # --- frames -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """One frame: read the transport (which may move it on to playing or finished), paint."""
        if self._transport is None:
            return
        state = self._transport.state  # reading it lets the transport catch up with the clock
        if state is State.COUNT_IN:
            self.stage.count_in.set_count(count_in_text(self._transport.count_in_left_ms()))
        self._paint(self._transport.moment(), state, now=True)

    def _frame_pace_ms(self) -> int:
        """How long the picture and the words stay the same (the frame driver sleeps that long);
        counting in or fading in (which repaints the picture too), every frame."""
        # Cheap first: this runs after every frame. The frame just shown, not the transport's.
        moment = self.stage.view.on_screen_moment
        if self._last_state is not State.PLAYING or moment is None:
            return FRAME_INTERVAL_MS
        still_ms = self.stage.still_for_ms(words_change_in_ms(moment))
        if still_ms > FRAME_INTERVAL_MS and self._fade.running:
            return FRAME_INTERVAL_MS
        return still_ms

    def _paint(self, moment: Moment, state: State, *, now: bool = False) -> None:
        self.stage.show_moment(moment, paused=state is State.PAUSED, now=now)
        text = phase_text(moment, show_seconds=self._settings.show_seconds)
        if state is State.COUNT_IN:
            text = PhaseText("", "", "", "", "")
        if text != self._shown_text:
            self._shown_text = text
            self.stage.show_text(text)
        self.controls.set_position(moment.time_ms)
        self.step_list.set_current(moment.step.index)
        waiting = self._transport is not None and continue_offered(self._transport, state)
        self.stage.stage_controls.show_moment(moment, waiting=waiting)
        if state is State.PLAYING:
            # A breath phase is announced when its kind changes; narration and rest per step.
            phased = moment.kind in BREATH_KINDS or moment.kind in PELVIC_KINDS
            key = moment.kind.value if phased else f"step-{moment.step.index}"
            self.announcer.offer(key, text.announcement)

    # --- transport events ---------------------------------------------------------------------
    def _on_transport_timeline_changed(self) -> None:
        """A patient-paced stay grew by whole breaths: everything after it is later."""
        if self._transport is None:
            return
        timeline = self._transport.timeline
        self.stage.view.set_timeline(timeline)
        self.stage.pelvic.set_timeline(timeline)
        self.step_list.set_timeline(timeline)
        self.controls.set_duration(timeline.duration_ms)

    def _on_transport_state_changed(self) -> None:
        if self._transport is None:
            return
        state = self._transport.state
        previous, self._last_state = self._last_state, state
        if state is previous:
            return
        if state in _MOVING:
            self.frame_driver.start()
        else:
            self.frame_driver.stop()
        self.controls.set_playing(state in _MOVING)
        self.stage.set_paused(state is State.PAUSED)
        self.stage.count_in.setVisible(state is State.COUNT_IN)
        if state is State.PAUSED:
            self.announcer.offer("paused", texts.PAUSED)
        self._paint(self._transport.moment(), state)
        if state in (State.FINISHED, State.STOPPED) and previous not in (
            State.FINISHED,
            State.STOPPED,
        ):
            self._show_end(completed=state is State.FINISHED)
        self.state_changed.emit(state.value)

    def _show_end(self, *, completed: bool) -> None:
        session, transport = self._session, self._transport
        if session is None or transport is None:
            return
        # Completed means most of it was played, not only that the end was reached (Next, seek).
        self.end.show_end(
            session,
            completed=transport.completed,
            practised_ms=transport.played_ms(),
            note=end_note(transport.timeline, completed=transport.completed),
        )
        self._show_page(self.end)
        self.end.back_button.setFocus()
        (self.session_finished if completed else self.session_stopped).emit(session)

    def _command(self, command: Callable[[Transport], None]) -> None:
        transport = self._transport
        if transport is None or self.pages.currentWidget() is not self._running_page:
            return
        if transport.state in (State.FINISHED, State.STOPPED):
            return
        command(transport)
        self.refresh()

    def _on_pre_start_start_clicked(self) -> None:
        session = self._session
        if self.before_start is None or session is None:
            self.start()
            return
        loaded = self._transport

        def proceed() -> None:
            if self._transport is loaded:  # still the same session (not replaced meanwhile)
                self.start()

        self.before_start(session, proceed)

    def _on_pre_start_stop_rules_clicked(self) -> None:
        box = stop_rules_box(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_space(self) -> None:
        if self.pages.currentWidget() is self.end or self.stage.stage_controls.take_space():
            return
        self.toggle()

    # --- visibility ---------------------------------------------------------------------------
    def _set_keys_enabled(self, enabled: bool) -> None:
        for action in self._actions:
            action.setEnabled(enabled)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._set_keys_enabled(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():
            # Moving to another page (not minimising): the session waits, paused, for return.
            self._set_keys_enabled(False)
            self.pause()
            self._finish_fades()
