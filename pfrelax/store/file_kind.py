"""Whether a history file is encrypted, from its first bytes alone (nothing else imported, so
the window can ask before its first paint)."""

from __future__ import annotations

from pathlib import Path

# Every plain SQLite file starts with these 16 bytes; an SQLCipher file starts with its salt.
PLAIN_HEADER = b"SQLite format 3\x00"
MIN_PAGE = 512


def is_encrypted(path: Path) -> bool:
    """Whether `path` looks like an encrypted history: whole pages (SQLCipher's are at least
    512 bytes, a power of two) that do not start as plain SQLite. Anything else that is not
    SQLite (a text file, a cut-off copy) is left for SQLite to refuse as not a database."""
    try:
        with path.open("rb") as stream:
            header = stream.read(len(PLAIN_HEADER))
            size = stream.seek(0, 2)
    except OSError:
        # Missing, a folder, under a file (a PFRELAX_HOME that is a file), unreadable: SQLite
        # opening it says so in the words the history's refusals already use.
        return False
    return size >= MIN_PAGE and size % MIN_PAGE == 0 and header != PLAIN_HEADER
