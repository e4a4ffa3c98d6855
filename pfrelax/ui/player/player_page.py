"""The session player: pre-start panel, the breathing stage with its bottom bar, and the end panel.

The playback service owns the session being played (its timeline, transport and clock). This
page renders it: it turns user actions into playback commands and, on each frame, advances
playback and paints what `moment()` says. It runs a frame timer only while the count-in or the
session is moving; paused, finished or idle it has none.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pfrelax.core.session import Session
from pfrelax.core.settings import Settings
from pfrelax.core.timeline import Moment, Timeline
from pfrelax.core.transport import State, Transport
from pfrelax.services import catalog
from pfrelax.services.playback import ENDED, Playback
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common import texts
from pfrelax.ui.common.a11y import PhaseAnnouncer
from pfrelax.ui.common.bridge import PlaybackSignals
from pfrelax.ui.common.follow_preferences import follow
from pfrelax.ui.common.help_dialogs import stop_rules_box
from pfrelax.ui.common.page import PageWidget
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.player.breath_pace import words_change_in_ms
from pfrelax.ui.player.breath_styles import BreathStyle
from pfrelax.ui.player.frame_driver import FRAME_INTERVAL_MS, FrameDriver
from pfrelax.ui.player.moment_painter import MomentPainter
from pfrelax.ui.player.phase_text import count_in_text
from pfrelax.ui.player.player_audio import PlayerAudio
from pfrelax.ui.player.player_bar import PlayerBar
from pfrelax.ui.player.player_controls import PlayerControls
from pfrelax.ui.player.player_keys import KeyBinding, chain_tab_order, key_actions
from pfrelax.ui.player.player_panels import EndPanel, PreStartPanel
from pfrelax.ui.player.player_screens import PlayerScreens
from pfrelax.ui.player.player_stage import PlayerStage
from pfrelax.ui.player.player_style import player_sheet
from pfrelax.ui.player.sound_panel import SoundPanel
from pfrelax.ui.player.stage_controls import continue_offered, end_note
from pfrelax.ui.player.step_list import StepList

_MOVING = (State.COUNT_IN, State.PLAYING)
_COMPACT_HEIGHT_EM = 32  # shorter than this (200 % on 1280×800), the bottom bar is compact


# What the page shows of the preferences (the sound's are PlayerAudio's).
_SHOWN_SETTINGS = frozenset(
    {"animation_style", "reduced_motion", "count_in_seconds", "show_seconds"}
)


class PlayerPage(PageWidget):
    session_started = Signal(Session)  # the count-in began
    session_finished = Signal(Session)  # played to its end (the check-in follows)
    session_stopped = Signal(Session)  # the person stopped it early
    back_requested = Signal()
    state_changed = Signal(State)  # after the page has shown the new state
    palette_changed = Signal(Palette)  # widgets added below the stage follow it

    def __init__(
        self, playback: Playback, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.playback = playback
        self._preferences = preferences  # read when needed, followed while the page lives
        self._autostart = False
        self._last_state = State.IDLE
        self.current_palette: Palette | None = None

        self.pre_start = PreStartPanel()
        self.stage = PlayerStage()
        self.end = EndPanel()
        self.controls = PlayerControls()
        self.step_list = StepList()
        self.sound_panel = SoundPanel()  # folded away until its "Sound" button is pressed
        self.bottom_bar = PlayerBar(self.step_list, self.controls, self.sound_panel)
        self.frame_driver = FrameDriver(self.refresh, self, pace=self._frame_pace_ms)
        self.announcer = PhaseAnnouncer(self.stage.phase, playback.clock)
        self._painter = MomentPainter(self.stage, self.controls, self.step_list, self.announcer)
        self._signals = PlaybackSignals(playback, self)
        self._build_layout()
        self._connect()
        self._actions = self._build_actions()
        # M mutes wherever focus is while the player shows, even with the panel folded away.
        self.addAction(self.sound_panel.mute_action)
        self._actions.append(self.sound_panel.mute_action)
        chain_tab_order(self, self.bottom_bar.tab_chain())
        self._apply_settings(frozenset(_SHOWN_SETTINGS))
        follow(preferences, self, self._apply_settings)
        self._set_keys_enabled(False)

    # --- building ---------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.pages = PlayerScreens(self.pre_start, self.stage, self.bottom_bar, self.end)
        self.empty = self.pages.empty
        self._running_page = self.pages.running
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
        self._signals.loaded.connect(self._on_playback_loaded)
        self._signals.started.connect(self._on_playback_started)
        self._signals.state_changed.connect(self._on_playback_state_changed)
        self._signals.ended.connect(self._on_playback_ended)
        self.stage.stage_controls.continue_clicked.connect(self.continue_stage)
        self.stage.stage_controls.stop_clicked.connect(self.stop)

    def _build_actions(self) -> list[QAction]:
        keys: list[KeyBinding] = [
            ("Play or pause", "Space", self._on_space),
            ("Previous step", "Left", self.previous_step),
            ("Next step", "Right", self.next_step),
            ("Restart step", "R", self.restart_step),
        ]
        return key_actions(self, keys)

    # --- public API ---------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self.playback.session

    @property
    def transport(self) -> Transport | None:
        """Playback's transport, to read (tests); commands go through playback."""
        return self.playback.transport

    @property
    def state(self) -> State:
        return self.playback.state

    @property
    def is_moving(self) -> bool:
        return self.state in _MOVING

    @property
    def fading(self) -> bool:
        """Whether the page left last is still fading out."""
        return self.pages.fading

    def attach_sound(self, audio: PlayerAudio) -> None:
        """The sound panel follows `audio` (volumes, choices, "sound unavailable")."""
        self.sound_panel.follow(audio)

    def load(
        self, session: Session, timeline: Timeline | None = None, *, autostart: bool = False
    ) -> None:
        """Show `session`: its pre-start panel, or (autostart) straight into the count-in.

        Autostart skips the panel, so a safety note, if the session has one, stays on screen.
        """
        self.shutdown()
        self._autostart = autostart
        self.playback.load(session, timeline or catalog.timeline(session))
        if autostart:
            self.start()
        else:
            self.pre_start.start_button.setFocus()

    def _on_playback_loaded(self, session: Session, timeline: Timeline) -> None:
        self._last_state = State.IDLE
        self._painter.forget_words()
        self.announcer.reset()
        self._painter.set_timeline(timeline)
        self.stage.stage_controls.set_timeline(timeline)
        transport = self.playback.transport
        if transport is not None:
            transport.on_timeline_changed(self._on_transport_timeline_changed)
        self.stage.set_safety(session.safety if self._autostart else "")
        self._autostart = False
        asks = self.playback.before_start is not None and "before" in session.checkin
        self.pre_start.show_session(session, timeline.duration_ms, checkin_first=asks)
        self._show_page(self.pre_start)
        self._paint(timeline.at(0), State.IDLE)

    def start(self) -> None:
        """Start now (the before check-in, if any, was asked already)."""
        self.playback.start()

    def toggle(self) -> None:
        self.playback.toggle()

    def pause(self) -> None:
        self.playback.pause()

    def previous_step(self) -> None:
        self._command(self.playback.previous_step)

    def next_step(self) -> None:
        self._command(self.playback.next_step)

    def restart_step(self) -> None:
        self._command(self.playback.restart_step)

    def seek(self, position_ms: int) -> None:
        self._command(lambda: self.playback.seek(position_ms))

    def stop(self) -> None:
        self.playback.stop()

    def continue_stage(self) -> None:
        """Continue: a patient-paced stay ends after the breath under way."""
        self._command(self.playback.continue_stage)

    def escape(self) -> None:
        """Esc: stop a running session; otherwise go back to the library."""
        if self.pages.currentWidget() is self._running_page and self.state not in ENDED:
            self.stop()
        else:
            self.back_requested.emit()

    def shutdown(self) -> None:
        """Stop the session (if any) and every timer: the window is closing or moving on."""
        self.playback.stop()
        self.frame_driver.stop()
        self._finish_fades()

    def _show_page(self, page: QWidget) -> None:
        """Switch to `page`, the old one fading out over it; nothing pops up."""
        self.pages.switch_to(page)

    def _finish_fades(self) -> None:
        self.pages.finish_fades()

    @property
    def preferences(self) -> Preferences:
        """The preferences this page shows and follows."""
        return self._preferences

    @property
    def _settings(self) -> Settings:
        return self._preferences.settings

    def _apply_settings(self, changed: frozenset[str]) -> None:
        """Show what the preferences say, when something the page shows changed."""
        if not changed & _SHOWN_SETTINGS:
            return
        settings = self._settings
        self._painter.set_look(BreathStyle(settings.animation_style), settings.reduced_motion)
        self.playback.set_count_in_ms(settings.count_in_seconds * 1000)
        self.refresh()

    def add_below_stage(self, widget: QWidget) -> None:
        """Under the breathing animation, above the bottom bar (the heart trace)."""
        self.pages.running_column.insertWidget(1, widget)

    def set_palette(self, palette: Palette) -> None:
        self.current_palette = palette
        self.palette_changed.emit(palette)
        self._painter.set_palette(palette)
        self.setStyleSheet(player_sheet(palette))

    # --- frames -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """One frame: playback catches up with the clock (on to playing or finished), then paint."""
        transport = self.playback.transport
        if transport is None:
            return
        # One clock reading and one position a tick (the same as advance() then moment()).
        state, moment = transport.advance_to_moment()
        if state is State.COUNT_IN:
            self.stage.count_in.set_count(count_in_text(transport.count_in_left_ms()))
        self._paint(moment, state, now=True)

    def _frame_pace_ms(self) -> int:
        """How long the picture and the words stay the same (the frame driver sleeps that long);
        counting in or fading in (which repaints the picture too), every frame."""
        # Cheap first: this runs after every frame. The frame just shown, not the transport's.
        view = self.stage.view
        moment = view.on_screen_moment
        if self._last_state is not State.PLAYING or moment is None or view.moved_a_step:
            return FRAME_INTERVAL_MS  # a picture that moved a visible step will move in the next
        still_ms = self.stage.still_for_ms(words_change_in_ms(moment))
        if still_ms > FRAME_INTERVAL_MS and self.pages.fading:
            return FRAME_INTERVAL_MS
        return still_ms

    def _paint(self, moment: Moment, state: State, *, now: bool = False) -> None:
        transport = self.playback.transport
        waiting = transport is not None and continue_offered(transport, state, moment.time_ms)
        show_seconds = self._settings.show_seconds
        self._painter.paint(moment, state, show_seconds=show_seconds, waiting=waiting, now=now)

    # --- playback events ----------------------------------------------------------------------
    def _on_transport_timeline_changed(self) -> None:
        """A patient-paced stay grew by whole breaths: everything after it is later."""
        timeline = self.playback.timeline
        if timeline is None:
            return
        self._painter.set_timeline(timeline)

    def _on_playback_started(self, session: Session) -> None:
        self._show_page(self._running_page)
        self.controls.play_button.setFocus()
        self.session_started.emit(session)

    def _on_playback_state_changed(self, state: State) -> None:
        transport = self.playback.transport
        self._last_state = state
        if transport is None:
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
        self._paint(transport.moment(), state)
        self.state_changed.emit(state)

    def _on_playback_ended(self, session: Session, finished: bool) -> None:
        transport = self.playback.transport
        if transport is None or session is not self.playback.session:
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
        (self.session_finished if finished else self.session_stopped).emit(session)

    def _command(self, command: Callable[[], None]) -> None:
        if self.pages.currentWidget() is not self._running_page:
            return
        command()
        self.refresh()

    def _on_pre_start_start_clicked(self) -> None:
        self.playback.request_start()

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
