"""Records each play-through of a session as a run: started, progress, completed or stopped."""

from __future__ import annotations

import time
from collections.abc import Callable

from pfrelax.core.session import Session
from pfrelax.core.transport import State, Transport
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
