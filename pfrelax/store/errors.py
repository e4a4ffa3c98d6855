"""The errors the store raises for problems the user can fix: their file or disk, not our bug."""

from __future__ import annotations

from collections.abc import Sequence


class StoreError(Exception):
    """The database cannot be used as it is; the message says which file, what and how to fix."""


class DataFileError(StoreError):
    """An import file is invalid; `problems` lists every problem found, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
