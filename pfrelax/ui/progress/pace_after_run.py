"""After the pace finder is played with a heart source: its beats scored and kept, the result shown.

The beats are the heart session's (hr-live), on the session's time; with no source on there are
none, and the finder ends like any session. A result the history refuses is logged, not shown:
the person would be told of a pace they cannot find again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pfrelax.core.session import Session
from pfrelax.errors import InputError
from pfrelax.services.heart_session import DatabaseSource
from pfrelax.services.my_sessions import MySessions
from pfrelax.services.pace_finder import PaceFinder, is_finder
from pfrelax.services.playback import Playback
from pfrelax.services.runs import SessionRuns
from pfrelax.ui.common.bridge import PlaybackSignals
from pfrelax.ui.progress.pace_result import PaceResultDialog

log = logging.getLogger(__name__)

Beats = Callable[[], tuple[Sequence[float], Sequence[float]]]  # (session times s, RR ms)


class PaceAfterRun(QObject):
    """Watches `playback`; when the built-in finder ends, keeps and shows its result.

    `beats` gives the run's beats, `run_id` the run they belong to, `finder` the service (None:
    no history to keep it in). `session_made` tells the library a session of one's own is new.
    """

    shown = Signal(PaceResultDialog)
    session_made = Signal(Session)

    def __init__(
        self,
        window: QWidget,
        playback: Playback,
        beats: Beats,
        run_id: Callable[[], int | None],
        finder: Callable[[], PaceFinder | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._beats = beats
        self._run_id = run_id
        self._finder = finder
        self.dialog: PaceResultDialog | None = None
        # Connected after the heart session's own listener, so its last beats are in.
        self._signals = PlaybackSignals(playback, self)
        self._signals.ended.connect(self._on_ended)

    def _on_ended(self, session: Session, _finished: bool) -> None:
        finder = self._finder()
        if not is_finder(session) or finder is None:
            return
        times, rr = self._beats()
        try:
            saved = finder.keep(times, rr, self._run_id())
        except InputError as error:  # the store's StoreError: a full disk, a read-only folder
            log.warning("pace finder: the result was not kept: %s", error)
            return
        if saved is None:
            return
        self.dialog = PaceResultDialog(saved, finder.make_session, self._window)
        self.dialog.view.session_made.connect(self.session_made)
        self.dialog.open()
        self.shown.emit(self.dialog)


def pace_after_run(
    window: QWidget,
    playback: Playback,
    beats: Beats,
    runs: SessionRuns,
    database: DatabaseSource,
    my_sessions_folder: Path,
) -> PaceAfterRun:
    """The app's wiring: the run the run recorder keeps, the history, and My sessions in
    `my_sessions_folder` (the library listens to `session_made`)."""
    my_sessions = MySessions(my_sessions_folder)

    def run_id() -> int | None:
        recorder = runs.recorder
        return recorder.run_id if recorder is not None else None

    def finder() -> PaceFinder | None:
        db = database()
        return None if db is None else PaceFinder(db, my_sessions)

    return PaceAfterRun(window, playback, beats, run_id, finder)
