"""Around each session: the before check-in, the run record, and the after check-in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from pfrelax.core.checkin import DEFAULT_MEASURES, WEEKLY_MEASURE, Asked, Measure
from pfrelax.core.clock import Clock, MonotonicClock
from pfrelax.core.session import Session
from pfrelax.core.transport import State, Transport
from pfrelax.services.own_questions import session_questions
from pfrelax.store.db import Database
from pfrelax.store.errors import StoreError
from pfrelax.store.run_recorder import PROGRESS_INTERVAL_S, RunRecorder
from pfrelax.store.runs import Runs
from pfrelax.ui.checkin_dialog import CheckinDialog, configured_measures, open_checkin
from pfrelax.ui.player_page import PlayerPage
from pfrelax.ui.store_recovery import tell
from pfrelax.ui.today_source import pack_checkin_measures


class SessionFlow(QObject):
    """Connects a player to the store: every play-through is a run, with its check-ins.

    The before check-in opens when Start is pressed and the count-in waits for it (Save or
    Skip); the after check-in follows the end screen, for a finished or a stopped session.
    """

    def __init__(
        self,
        window: QWidget,
        db: Callable[[], Database | None],
        player: PlayerPage,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(window)
        # Paces the run's progress writes (fake in tests); time played comes from the transport.
        self._clock = clock or MonotonicClock()
        self._window = window
        self._db = db
        self._player = player
        self._recorder: RunRecorder | None = None
        self._before: dict[str, int | None] = {}
        self.dialog: CheckinDialog | None = None  # the open check-in, for tests
        self.told: QMessageBox | None = None  # the last note that practice was not saved
        # Writes the run's progress while playing, so a crash loses at most one interval.
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(PROGRESS_INTERVAL_S * 1000))
        self._heartbeat.timeout.connect(self._on_heartbeat_timeout)
        player.before_start = self._before_start
        player.transport_created.connect(self._on_player_transport_created)
        player.state_changed.connect(self._on_player_state_changed)
        player.session_finished.connect(self._on_player_session_ended)
        player.session_stopped.connect(self._on_player_session_ended)

    @property
    def recorder(self) -> RunRecorder | None:
        return self._recorder

    def shutdown(self) -> None:
        """The window is closing: a run still open is recorded as stopped."""
        self._heartbeat.stop()
        if self._recorder is not None:
            self._recorder.close()

    # --- player events ----------------------------------------------------------------------
    def _on_player_transport_created(self, transport: Transport) -> None:
        self.shutdown()
        session, db = self._player.session, self._db()
        if session is None or db is None:
            return  # no history database: the session still plays, unrecorded
        self._recorder = RunRecorder(
            Runs(db), transport, session, monotonic=self._clock.now, on_problem=self._on_not_saved
        )
        self._before = {}

    def _before_start(self, session: Session, proceed: Callable[[], None]) -> None:
        recorder = self._recorder
        if recorder is None or "before" not in session.checkin:
            proceed()
            return
        db = self._db()
        if db is None:
            proceed()
            return
        run_id = recorder.open_run()
        if run_id is None:  # the history cannot be written; the person was told, so just play
            proceed()
            return
        measures = measures_for(db, session)
        dialog = open_checkin(self._window, db, "before", run_id=run_id, measures=measures)
        dialog.checkin_saved.connect(self._on_before_checkin_saved)
        dialog.finished.connect(lambda _result: proceed())
        self._track(dialog)

    def _on_not_saved(self, error: StoreError) -> None:
        self.told = tell(
            self._window, "Practice", f"This session still plays, but it is not saved: {error}"
        )

    def _on_before_checkin_saved(self, _checkin_id: int, values: dict[str, int | None]) -> None:
        self._before = dict(values)

    def _on_player_state_changed(self, state: str) -> None:
        if state == State.PLAYING.value:
            self._heartbeat.start()
        else:
            self._heartbeat.stop()

    def _on_heartbeat_timeout(self) -> None:
        if self._recorder is not None:
            self._recorder.heartbeat()

    def _on_player_session_ended(self, session: Session) -> None:
        self._heartbeat.stop()
        recorder, db = self._recorder, self._db()
        if recorder is None or recorder.run_id is None or db is None:
            return
        if "after" in session.checkin:
            dialog = open_checkin(
                self._window,
                db,
                "after",
                run_id=recorder.run_id,
                before=self._before,
                measures=measures_for(db, session),
            )
            self._track(dialog)

    def _track(self, dialog: CheckinDialog) -> None:
        lend_shortcuts = getattr(self._window, "lend_shortcuts", None)
        if callable(lend_shortcuts):  # Ctrl+Q still quits while the check-in is open
            lend_shortcuts(dialog)
        self.dialog = dialog


def measures_for(db: Database, session: Session) -> tuple[Asked, ...] | None:
    """A pack session asks what its pack names (with the PT's own questions last), plus what
    the person chose to track; None for a built-in session (the configured measures)."""
    if session.pack_id is None:
        return None
    named = pack_checkin_measures(db, session.pack_id)
    if named is None:
        return None
    chosen = {m.value for m in configured_measures(db)} - {m.value for m in DEFAULT_MEASURES}
    wanted = set(named) | chosen
    built_in = tuple(m for m in Measure if m.value in wanted and m is not WEEKLY_MEASURE)
    return built_in + session_questions(db, session.pack_id)
