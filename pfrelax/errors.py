"""The one root of pfrelax's errors: "your input" (the person can fix it) or "our bug".

Every layer may import this module (it imports nothing of pfrelax). An error a person can act on
derives from `InputError` and its `str()` is product copy; anything else that escapes is a bug in
pfrelax, reported with a "please report" text and never as a bare traceback.
"""

from __future__ import annotations


class PfrelaxError(Exception):
    """Every error pfrelax raises on purpose derives from this."""


class InputError(PfrelaxError):
    """Something the person gave (a file, a value, a folder, a device) cannot be used as it is.

    `str()` says what is wrong in plain words; `file`, `line`, `key` and `fix` say where and
    how to put it right, when they are known (`plain()` joins them for the screen).
    """

    def __init__(
        self,
        message: str = "",
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.key = key
        self.fix = fix

    def plain(self) -> str:
        """The whole message for a person: what is wrong, then how to fix it (if not said)."""
        text = str(self)
        if self.file is not None and self.file not in text:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            text = f"{where}: {self.key}: {text}" if self.key else f"{where}: {text}"
        if self.fix and self.fix not in text:
            text = f"{text}\n{self.fix}"
        return text


class InternalError(PfrelaxError):
    """Our bug: pfrelax reached a state its code should never reach. Nothing the person did."""
