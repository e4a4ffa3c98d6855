"""What a path is when it is not a plain file: said in words, for a message that names it."""

from __future__ import annotations

import stat

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str:
    """ "a file", "a folder", "a named pipe", "a socket" or "a device", from `os.stat().st_mode`."""
    if stat.S_ISREG(mode):
        return "a file"
    return next((name for test, name in _KINDS if test(mode)), "a device")
