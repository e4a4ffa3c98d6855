"""Runs: each play-through of a session recorded (started, progress, completed or partial), and
which check-in belongs to which run. The store side of the session flow; no Qt."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from pfrelax.core.session import Session
from pfrelax.core.transport import State, Transport
from pfrelax.store.db import Database
from pfrelax.store.errors import StoreError
from pfrelax.store.runs import Runs

# A crash loses at most this much of the practice time recorded for the run.
PROGRESS_INTERVAL_S = 15.0


class RunRecorder:
    """Watches one transport. Time practised is the transport's time played (pauses, skips and
    seeks excluded); completed or partial follows `core.completion`. Its own monotonic clock only
    paces the progress writes.

    A write the store refuses (a read-only or damaged history, a full disk) ends the recording,
    never the session: the error is kept in `problem` and passed once to `on_problem`.
    """

    def __init__(
        self,
        runs: Runs,
        transport: Transport,
        session: Session,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        on_problem: Callable[[StoreError], None] | None = None,
    ) -> None:
        self._runs = runs
        self._transport = transport
        self._session = session
        self._monotonic = monotonic
        self._run_id: int | None = None
        self._last_progress = 0.0
        self._closed = False
        self._on_problem = on_problem
        self.problem: StoreError | None = None
        self.finished_run: int | None = None
        transport.on_state_changed(self._on_state_changed)

    @property
    def run_id(self) -> int | None:
        """The open run, or the last one this recorder finished."""
        return self._run_id if self._run_id is not None else self.finished_run

    def practised_seconds(self) -> int:
        return self._transport.played_ms() // 1000

    def open_run(self) -> int | None:
        """Start the run now (before the count-in), so a before check-in can belong to it;
        None when the run cannot be recorded (see `problem`)."""
        if self._run_id is None and not self._closed:
            session = self._session
            length_ms = self._transport.timeline.duration_ms
            try:
                self._run_id = self._runs.start_run(
                    session.id,
                    session.title,
                    session.pack_id,
                    session.pack_version,
                    length_seconds=max(1, round(length_ms / 1000)),
                )
            except StoreError as error:
                self._give_up(error)
                return None
            self.finished_run = None
            self._last_progress = self._monotonic()
        return self._run_id

    def heartbeat(self) -> None:
        """Call now and then (the frame driver does); writes progress every interval."""
        if self._run_id is None or self._closed:
            return
        now = self._monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            try:
                self._runs.update_run_progress(self._run_id, self.practised_seconds())
            except StoreError as error:
                self._give_up(error)

    def close(self) -> None:
        """The player is going away: a run still open was stopped, not completed."""
        if not self._closed:
            self._finish(completed=False)
            self._closed = True

    def _on_state_changed(self) -> None:
        if self._closed:
            return
        state = self._transport.state
        if state is State.PLAYING:
            self.open_run()
        elif state is State.FINISHED:
            self._finish(completed=self._transport.completed)
        elif state is State.STOPPED:
            self._finish(completed=False)

    def _finish(self, *, completed: bool) -> None:
        if self._run_id is None:
            return
        try:
            self._runs.finish_run(self._run_id, self.practised_seconds(), completed)
        except StoreError as error:
            self._give_up(error)
            return
        self.finished_run, self._run_id = self._run_id, None

    def _give_up(self, error: StoreError) -> None:
        """Stop recording this run (each write is one transaction, so none is half-done)."""
        self._run_id, self._closed, self.problem = None, True, error
        if self._on_problem is not None:
            self._on_problem(error)


class SessionRuns:
    """The run recorder of the session being played, and its check-ins' runs.

    `database` is asked each time (None: no history, the session still plays unrecorded);
    `monotonic` only paces the progress writes. The flow on screen calls `watch` when a new
    transport exists, `before_run` when Start is pressed, `heartbeat` while playing,
    `after_run` when the session ends and `close` when the window goes.
    """

    def __init__(
        self,
        database: Callable[[], Database | None],
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database = database
        self._monotonic = monotonic
        self._problem_listeners: list[Callable[[StoreError], None]] = []
        self._recorder: RunRecorder | None = None
        self._before: dict[str, int | None] = {}

    @property
    def recorder(self) -> RunRecorder | None:
        return self._recorder

    def on_problem(self, listener: Callable[[StoreError], None]) -> None:
        """`listener` hears once per run that its practice could not be saved (and why)."""
        self._problem_listeners.append(listener)

    def _tell_problem(self, error: StoreError) -> None:
        for listener in self._problem_listeners:
            listener(error)

    def watch(self, transport: Transport, session: Session) -> None:
        """A new play-through: the previous run (if open) is stopped, this one recorded."""
        self.close()
        db = self._database()
        self._recorder = None
        self._before = {}
        if db is None:
            return
        self._recorder = RunRecorder(
            Runs(db), transport, session, monotonic=self._monotonic, on_problem=self._tell_problem
        )

    def before_run(self, session: Session) -> int | None:
        """Start pressed: the run a before check-in belongs to, opened now; None when the
        session asks none or the history cannot be written (then it just plays)."""
        recorder = self._recorder
        if recorder is None or "before" not in session.checkin or self._database() is None:
            return None
        return recorder.open_run()

    def keep_before(self, values: Mapping[str, int | None]) -> None:
        """The before check-in was saved: the after check-in shows these beside its own."""
        self._before = dict(values)

    @property
    def before(self) -> dict[str, int | None]:
        return dict(self._before)

    def after_run(self, session: Session) -> int | None:
        """The session ended: the run an after check-in belongs to, or None for none."""
        recorder = self._recorder
        if recorder is None or recorder.run_id is None or self._database() is None:
            return None
        return recorder.run_id if "after" in session.checkin else None

    def heartbeat(self) -> None:
        if self._recorder is not None:
            self._recorder.heartbeat()

    def close(self) -> None:
        """The window is closing (or another session starts): an open run is stopped."""
        if self._recorder is not None:
            self._recorder.close()
