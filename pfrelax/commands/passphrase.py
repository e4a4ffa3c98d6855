"""Asking for the passphrase on the command line: from the terminal without echo, or a given fd.

Never from an argument or an environment variable: both are visible to other programs (ps,
/proc) and stay in shell history.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import TextIO

from pfrelax.paths import database_path
from pfrelax.services.privacy import Privacy
from pfrelax.store.cipher import is_encrypted
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import StoreError

NO_TERMINAL = (
    "there is no terminal to ask for the passphrase on. "
    "Run this in a terminal, or give the passphrase on a file descriptor with --passphrase-fd N."
)


class PassphraseUnavailableError(StoreError):
    """No terminal to ask on and no --passphrase-fd: the command cannot go on."""


def add_passphrase_fd(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-fd",
        metavar="N",
        type=int,
        help="for scripts: read the passphrase (one per line) from file descriptor N instead of "
        "asking in the terminal",
    )


class PassphraseSource:
    """Where passphrases come from for one command: the terminal, or the lines of fd N."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd
        self._lines: TextIO | None = None

    @property
    def interactive(self) -> bool:
        return self._fd is None

    def ask(self, prompt: str) -> str:
        if self._fd is not None:
            return self._from_fd()
        if not _has_terminal():
            raise PassphraseUnavailableError(NO_TERMINAL)
        try:
            return getpass.getpass(prompt)  # reads /dev/tty, echo off
        except EOFError:
            raise PassphraseUnavailableError("no passphrase was typed; nothing changed.") from None

    def _from_fd(self) -> str:
        if self._lines is None:
            try:
                self._lines = open(self._fd or 0, encoding="utf-8", closefd=False)  # noqa: SIM115
            except OSError as error:
                raise PassphraseUnavailableError(
                    f"--passphrase-fd {self._fd}: cannot read it ({error.strerror or error})."
                ) from error
        line = self._lines.readline()
        if not line:
            raise PassphraseUnavailableError(
                f"--passphrase-fd {self._fd}: it ended before a passphrase was read."
            )
        return line.removesuffix("\n").removesuffix("\r")


def _has_terminal() -> bool:
    """Whether this process has a controlling terminal to ask on (getpass would otherwise fall
    back to reading standard input, with the passphrase echoed)."""
    try:
        handle = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(handle)
    return True


def open_history(args: argparse.Namespace, path: Path | None = None) -> Database:
    """The history for a command; asks for the passphrase first when it is encrypted.

    recover_runs=False: the app may be playing a session right now.
    """
    where = path if path is not None else database_path()
    key = None
    if is_encrypted(where):
        source = PassphraseSource(getattr(args, "passphrase_fd", None))
        key = Privacy(where).unlock(source.ask("Passphrase: "))
    return open_database(where, recover_runs=False, key=key)
