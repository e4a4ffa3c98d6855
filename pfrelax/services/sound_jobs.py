"""Where the sound service's slow work runs (`Jobs`), and one piece of it (`Job`) whose result
is taken exactly once or closed: an output and a session's sound never leak."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from pfrelax.audio.backends import Backend
from pfrelax.audio.engine import SoundChoice
from pfrelax.audio.schedule import SessionSound

log = logging.getLogger(__name__)


class Jobs(Protocol):
    """Where slow work runs: `submit` runs it off the owner's thread (one at a time), `post`
    hands a result back to the owner's thread, `wait` waits for everything submitted."""

    def submit(self, work: Callable[[], None]) -> None: ...

    def post(self, done: Callable[[], None]) -> None: ...

    def wait(self) -> None: ...


class InlineJobs:
    """Everything at once on the caller's thread: for tests and the command line."""

    def submit(self, work: Callable[[], None]) -> None:
        work()

    def post(self, done: Callable[[], None]) -> None:
        done()

    def wait(self) -> None:
        pass


@dataclass(slots=True)
class Prepared:
    """What a job made: an output (for a new engine) and a session's sound, or why not."""

    backend: Backend | None
    sound: SessionSound | None
    reason: str = ""

    def close(self) -> None:
        if self.sound is not None:
            self.sound.close()
        if self.backend is not None:
            self.backend.stop()


class Job:
    """One piece of slow work. Its result is taken exactly once, or, when the job was cancelled
    first, closed where it stands: nothing leaks."""

    def __init__(self, choice: SoundChoice, work: Callable[[], Prepared]) -> None:
        self.choice = choice
        self._work = work
        self._lock = threading.Lock()
        self._cancelled = False
        self._result: Prepared | None = None

    def run(self) -> bool:
        """On the worker thread; True when there is a result to take."""
        if self._cancelled:
            return False
        try:
            result = self._work()
        except Exception as error:  # a worker must report, never die silently
            log.exception("sound: preparing the session's sound failed")
            result = Prepared(None, None, f"the session's sound could not be prepared ({error})")
        with self._lock:
            keep = not self._cancelled
            if keep:
                self._result = result
        if not keep:
            result.close()
        return keep

    def take(self) -> Prepared | None:
        with self._lock:
            result, self._result = self._result, None
        return result

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            result, self._result = self._result, None
        if result is not None:
            result.close()
