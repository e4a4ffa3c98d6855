"""Silence what C decoders print straight to file descriptor 2 ("Note: Illegal Audio-MPEG-Header").

libmpg123 and libsndfile write their chatter to the process's stderr themselves, below Python,
so redirecting `sys.stderr` does not reach it: the descriptor itself is pointed at the null
device for the moment a file is opened or probed, and restored after. Nested and concurrent
uses share one redirection; the last one out restores the terminal.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_STDERR_FD = 2


class _Redirection:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: int | None = None

    def enter(self) -> None:
        with self._lock:
            self._depth += 1
            if self._depth > 1:
                return
            try:
                sys.stderr.flush()
                saved = os.dup(_STDERR_FD)
            except (OSError, ValueError, AttributeError):
                return  # no stderr to protect (a windowed app on Windows)
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, _STDERR_FD)
            except OSError:
                os.close(saved)
                return
            finally:
                os.close(null)
            self._saved = saved

    def leave(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth > 0 or self._saved is None:
                return
            os.dup2(self._saved, _STDERR_FD)
            os.close(self._saved)
            self._saved = None


_REDIRECTION = _Redirection()


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """While inside, whatever C code writes to fd 2 goes nowhere."""
    _REDIRECTION.enter()
    try:
        yield
    finally:
        _REDIRECTION.leave()
