"""Runs a crash left 'running', stopped at their last progress (at open and after a restore).

Its own module so `db` (which calls it while opening) and `runs` need not import each other.
"""

from __future__ import annotations

import sqlite3


def recover_interrupted_runs(con: sqlite3.Connection) -> int:
    """Mark runs a crash left 'running' as stopped, ended at their last progress; returns how many.

    Runs as one statement, so it is its own transaction even on an autocommit connection.
    """
    cursor = con.execute(
        "UPDATE runs SET status = 'stopped', ended = coalesce(progress_at, started + seconds), "
        "ended_offset = started_offset WHERE status = 'running'"
    )
    return cursor.rowcount
