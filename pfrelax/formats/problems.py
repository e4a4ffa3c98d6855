"""Problems found in a file a person wrote, reported all at once, each saying where and what."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong: `file:line: key.path: message` (the line when the format gives one)."""

    file: str
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class FormatError(Exception):
    """Base of every "this file is wrong" error: a list of problems, never a bare KeyError."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class SessionFileError(FormatError):
    """A session file (`*.toml`) that cannot be used as it is."""


class PackError(FormatError):
    """A pack (`*.pfpack` or a pack folder) that cannot be imported as it is."""
