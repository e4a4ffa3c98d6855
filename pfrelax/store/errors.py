"""The errors the store raises for problems the user can fix: their file or disk, not our bug."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pfrelax.errors import InputError


class StoreError(InputError):
    """The database cannot be used as it is; the message says which file, what and how to fix."""


class DataFileError(StoreError):
    """An import file is invalid; `problems` lists every problem found, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class DamagedDatabaseError(StoreError):
    """The database file is damaged. Nothing was written to it; `backup` is the newest backup
    in the data folder that could replace it (None if there is none)."""

    def __init__(self, message: str, path: Path, backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


class ReadOnlyDataError(StoreError):
    """Something was to be saved, but the data folder (or the database file) is read-only."""


class LockedError(StoreError):
    """The history is encrypted and no key, or the wrong one, was given. Nothing was changed."""
