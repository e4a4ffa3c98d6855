"""Around each session: the before check-in, the run record, and the after check-in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from pfrelax.core.session import DilatorStep, Session
from pfrelax.core.timeline import Timeline
from pfrelax.core.transport import State
from pfrelax.services.checkins import CheckinService
from pfrelax.services.errors import StoreError
from pfrelax.services.playback import Playback
from pfrelax.services.runs import PROGRESS_INTERVAL_S, RunRecorder, SessionRuns
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog, open_checkin
from pfrelax.ui.common.bridge import PlaybackSignals
from pfrelax.ui.common.store_recovery import tell
from pfrelax.ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class DilatorPractice:
    """What the practice log is asked about once a session with a dilator step has ended."""

    session: Session
    run_id: int | None  # the run it belongs to (None when history cannot be written)
    step_index: int  # the dilator step that asks for the log
    practised_ms: int  # how far into that step the person got, waits included
    stopped: bool  # Stop (or Esc) before the session's end: never a failure, still logged


def _no_log(_practice: DilatorPractice, then: Callable[[], None]) -> None:
    then()


class SessionFlow(QObject):
    """Shows the runs service's flow around playback: every play-through is a run, with its
    check-ins (recording lives in `services.runs`; this owns the timer and the dialogs).

    The before check-in opens when Start is pressed and the count-in waits for it (Save or
    Skip); the after check-in follows the end screen, for a finished or a stopped session.
    """

    def __init__(
        self,
        window: MainWindow,
        checkins: Callable[[], CheckinService | None],
        playback: Playback,
        runs: SessionRuns,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._checkins = checkins  # on the writable history; None when it cannot be written
        self._playback = playback
        self._runs = runs
        runs.on_problem(self._on_not_saved)
        self.dialog: CheckinDialog | None = None  # the open check-in, for tests
        self.told: QMessageBox | None = None  # the last note that practice was not saved
        # Called with (practice, then) when a session whose dilator step asks for a log ends
        # after reaching that step; the practice log plugs in here and calls then() once it is
        # saved or skipped, and the after check-in follows. By default: straight on.
        self.after_dilator_step: Callable[[DilatorPractice, Callable[[], None]], None] = _no_log
        # Writes the run's progress while playing, so a crash loses at most one interval.
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(PROGRESS_INTERVAL_S * 1000))
        self._heartbeat.timeout.connect(runs.heartbeat)
        playback.before_start = self._before_start
        signals = PlaybackSignals(playback, self)
        signals.loaded.connect(self._on_playback_loaded)
        signals.state_changed.connect(self._on_playback_state_changed)
        signals.ended.connect(self._on_playback_ended)

    @property
    def recorder(self) -> RunRecorder | None:
        return self._runs.recorder

    def shutdown(self) -> None:
        """The window is closing: a run still open is recorded as stopped."""
        self._heartbeat.stop()
        self._runs.close()

    # --- playback events --------------------------------------------------------------------
    def _on_playback_loaded(self, session: Session, _timeline: Timeline) -> None:
        self._heartbeat.stop()
        transport = self._playback.transport
        if transport is None:
            self._runs.close()
            return
        self._runs.watch(transport, session)

    def _before_start(self, session: Session, proceed: Callable[[], None]) -> None:
        run_id, checkins = self._runs.before_run(session), self._checkins()
        if run_id is None or checkins is None:  # none asked, or the history cannot be written
            proceed()
            return
        measures = checkins.session_measures(session)
        dialog = open_checkin(self._window, checkins, "before", run_id=run_id, measures=measures)
        dialog.checkin_saved.connect(self._on_before_checkin_saved)
        dialog.finished.connect(lambda _result: proceed())
        self._track(dialog)

    def _on_not_saved(self, error: StoreError) -> None:
        self.told = tell(
            self._window, "Practice", f"This session still plays, but it is not saved: {error}"
        )

    def _on_before_checkin_saved(self, _checkin_id: int, values: dict[str, int | None]) -> None:
        self._runs.keep_before(values)

    def _on_playback_state_changed(self, state: State) -> None:
        if state is State.PLAYING:
            self._heartbeat.start()
        else:
            self._heartbeat.stop()

    def _on_playback_ended(self, session: Session, _finished: bool) -> None:
        self._heartbeat.stop()
        practice = self._dilator_practice(session)
        if practice is None:
            self._after_checkin(session)
        else:
            self.after_dilator_step(practice, lambda: self._after_checkin(session))

    def _dilator_practice(self, session: Session) -> DilatorPractice | None:
        """The dilator step reached in this play-through that asks for a log, if any."""
        transport = self._playback.transport
        if transport is None:
            return None
        position = transport.position_ms()
        for span in transport.timeline.steps:
            step = session.steps[span.index]
            if isinstance(step, DilatorStep) and step.log and position > span.start_ms:
                recorder = self._runs.recorder
                run_id = recorder.run_id if recorder is not None else None
                practised = min(position, span.end_ms) - span.start_ms
                stopped = transport.state is not State.FINISHED
                return DilatorPractice(session, run_id, span.index, practised, stopped)
        return None

    def _after_checkin(self, session: Session) -> None:
        run_id, checkins = self._runs.after_run(session), self._checkins()
        if run_id is None or checkins is None:
            return
        measures = checkins.session_measures(session)
        before = self._runs.before
        dialog = open_checkin(
            self._window, checkins, "after", run_id=run_id, before=before, measures=measures
        )
        self._track(dialog)

    def _track(self, dialog: CheckinDialog) -> None:
        self._window.lend_shortcuts(dialog)  # Ctrl+Q still quits while the check-in is open
        self.dialog = dialog
