"""Restoring the whole history from a backup, whatever state the current database is in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pfrelax.store.db import open_database
from pfrelax.store.errors import DamagedDatabaseError, ReadOnlyDataError, StoreError
from pfrelax.store.recovery import read_only, set_aside_path
from pfrelax.store.restore import replace_file


def restore_history(path: Path, source: Path, now: datetime) -> Path | None:
    """Make the backup `source` the history at `path`, keeping what it replaces; returns where
    that went (None when there was no history yet). StoreError when `source` is not a usable
    backup, and then nothing changed.

    A healthy database is copied aside and then restored in place, as one transaction, so a
    pfrelax window that has it open sees the restored data. A damaged one (or one that is not a
    database at all) cannot be opened, so its file is set aside and the checked backup renamed
    into its place; close pfrelax first.
    """
    if not path.exists():
        replace_file(path, source, "replaced", now)
        return None
    try:
        db = open_database(path, recover_runs=False)
    except DamagedDatabaseError:
        return replace_file(path, source, "damaged", now)
    except ReadOnlyDataError:
        raise
    except StoreError:
        # From a newer pfrelax, or another program's file: not ours to change, but the person
        # chose to replace it, and it is kept.
        return replace_file(path, source, "replaced", now)
    with db:
        if db.read_only:
            raise read_only(path.parent)
        aside = set_aside_path(path, "replaced", now)
        db.backup_to(aside)
        try:
            db.restore_from(source)
        except StoreError:
            aside.unlink(missing_ok=True)  # nothing was replaced: no copy to keep
            raise
    return aside
