"""Noticing a damaged database, the backups that can replace it, and the words for both."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

from pfrelax.store.errors import DamagedDatabaseError, ReadOnlyDataError

DAILY_SUFFIX = ".bak-daily"
# The daily copy is refreshed when it is older than this: once a day for daily use, and a
# little less, so a morning session keeps the copy from the morning before.
DAILY_AGE_S = 20 * 3600
# sqlite_errorcode values that mean the file itself is bad, not the disk or a lock.
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def daily_backup_path(path: Path) -> Path:
    return path.with_name(path.name + DAILY_SUFFIX)


def require_intact(con: sqlite3.Connection, path: Path, check: str = "quick_check") -> None:
    """Run SQLite's `check` (quick_check: every page readable and well formed; integrity_check:
    also every index agrees with its table); DamagedDatabaseError naming the first problem."""
    try:
        # A few lines: the first is often only a heading ("*** in database main ***").
        lines = [
            line for row in con.execute(f"PRAGMA {check}(3)") for line in str(row[0]).split("\n")
        ]
    except sqlite3.DatabaseError as error:
        lines = [str(error)]
    if lines != ["ok"]:
        found = [line for line in lines if not line.startswith("***")] or lines
        raise damaged(path, found[0])


def is_damage(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorcode", None) in _DAMAGE_CODES


def damaged(path: Path, detail: str) -> DamagedDatabaseError:
    """The error for a damaged `path`, with the way back: the last backup, if there is one."""
    backup = last_backup(path)
    if backup is not None:
        way_back = (
            f"Your last backup is from {_when(backup)} ({backup.name}); `pfrelax restore` puts "
            "it back and keeps the damaged file beside it."
        )
    else:
        way_back = (
            f"There is no backup of it in {path.parent}: restore one you saved elsewhere with "
            f"`pfrelax restore FILE`, or move {path.name} away to start with an empty history."
        )
    return DamagedDatabaseError(
        f"{path.name} is damaged ({_short(detail)}). Nothing was changed in it. {way_back}",
        path,
        backup,
    )


def last_backup(path: Path) -> Path | None:
    """The newest backup pfrelax made beside `path`: the daily copy or a pre-migration copy."""
    candidates = [daily_backup_path(path), *path.parent.glob(f"{path.name}.bak-v*")]
    found = [each for each in candidates if each.is_file() and each.stat().st_size > 0]
    return max(found, key=lambda each: each.stat().st_mtime, default=None)


def daily_backup_due(path: Path, now: float | None = None) -> bool:
    target = daily_backup_path(path)
    if not target.is_file():
        return True
    return (time.time() if now is None else now) - target.stat().st_mtime >= DAILY_AGE_S


def set_aside_path(path: Path, why: str, now: datetime) -> Path:
    """Where a file that is being replaced is kept: `pfrelax.sqlite3.damaged-20261202-1830`."""
    stem = f"{path.name}.{why}-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate, n = path.with_name(stem), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{stem}-{n}")
    return candidate


def read_only(folder: Path) -> ReadOnlyDataError:
    return ReadOnlyDataError(
        f"{folder} is read-only, so pfrelax cannot save anything there: your history can be "
        "looked at, not changed. Make the folder writable, or set PFRELAX_HOME to a folder you "
        "can write to, and try again."
    )


def _when(backup: Path) -> str:
    moment = datetime.fromtimestamp(backup.stat().st_mtime)
    return f"{moment.day} {moment.strftime('%B %Y, %H:%M')}"


def _short(detail: str) -> str:
    line = detail.splitlines()[0] if detail else "unknown damage"
    return line if len(line) <= 120 else line[:120] + "…"
