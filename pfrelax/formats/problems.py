"""Problems found in a file a person wrote, reported all at once, each saying where and what."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pfrelax.errors import InputError


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong: `file:line: key.path: message` (the line when the format gives one)."""

    file: str
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        return visible(text)


def visible(text: str) -> str:
    """`text` with control and invisible characters shown as `\\u202e`: a message quotes what a
    file says, and a right-to-left override in it must not reorder the line on the screen."""
    if all(char.isprintable() or char == " " for char in text):
        return text
    return "".join(
        char if char.isprintable() or char == " " else f"\\u{ord(char):04x}" for char in text
    )


class FormatError(InputError):
    """Base of every "this file is wrong" error: a list of problems, never a bare KeyError."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(
            "\n".join(str(problem) for problem in self.problems),
            file=first.file if first else None,
            line=first.line if first else None,
            key=(first.key or None) if first else None,
        )


class SessionFileError(FormatError):
    """A session file (`*.toml`) that cannot be used as it is."""


class PackError(FormatError):
    """A pack (`*.pfpack` or a pack folder) that cannot be imported as it is."""
