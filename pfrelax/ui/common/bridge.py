"""The one bridge from the Qt-free services to Qt: their listeners as typed signals, their
slow jobs on a worker thread with results back on the GUI thread."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from pfrelax.core.session import Session
from pfrelax.core.settings import Settings
from pfrelax.core.timeline import Timeline
from pfrelax.core.transport import State
from pfrelax.services.playback import Playback
from pfrelax.services.sound import Sound


class PlaybackSignals(QObject):
    """`Playback`'s events as signals (emitted on the thread playback runs on, the GUI's)."""

    loaded = Signal(Session, Timeline)
    started = Signal(Session)  # the count-in began
    state_changed = Signal(State)
    ended = Signal(Session, bool)  # (session, finished): False when stopped early

    def __init__(self, playback: Playback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.playback = playback
        playback.on_loaded(self.loaded.emit)
        playback.on_started(self.started.emit)
        playback.on_state_changed(self.state_changed.emit)
        playback.on_ended(self.ended.emit)


class SoundSignals(QObject):
    """`Sound`'s events as signals."""

    engine_changed = Signal()  # an engine was connected to playback, or closed
    notice_changed = Signal()  # `unavailable` or `voice_source` changed
    chosen = Signal(Settings)  # the person changed a sound choice in the player
    applied = Signal(Settings)  # settings came from outside (the dialog)

    def __init__(self, sound: Sound, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sound = sound
        sound.on_engine_changed(self.engine_changed.emit)
        sound.on_notice_changed(self.notice_changed.emit)
        sound.on_chosen(self.chosen.emit)
        sound.on_applied(self.applied.emit)


class _Work(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        self._work()


class QtJobs(QObject):
    """`services.sound_jobs.Jobs` on one worker thread; results come back on the GUI thread."""

    _posted = Signal()  # something waits in the queue (queued across threads by Qt)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one job at a time; a newer one cancels older ones
        self._lock = threading.Lock()
        self._done: deque[Callable[[], None]] = deque()
        self._posted.connect(self._on_posted)

    def submit(self, work: Callable[[], None]) -> None:
        self._pool.start(_Work(work))

    def post(self, done: Callable[[], None]) -> None:
        with self._lock:
            self._done.append(done)
        self._posted.emit()

    def wait(self) -> None:
        self._pool.waitForDone()

    def _on_posted(self) -> None:
        while True:
            with self._lock:
                if not self._done:
                    return
                done = self._done.popleft()
            done()
