"""`pfrelax privacy`: whether the history is encrypted, and setting, changing or removing the
passphrase (docs/privacy.md says what each protects)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.commands.passphrase import PassphraseSource, add_passphrase_fd
from pfrelax.paths import database_path
from pfrelax.services.privacy import NO_RECOVERY, PassphraseRejectedError, Privacy
from pfrelax.store.errors import StoreError

CLOSE_THE_APP = "Close the pfrelax window first: nothing may write while the file is rewritten."


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    privacy = subparsers.add_parser(
        "privacy",
        help="encrypt your history with a passphrase, or see whether it is",
        description="An optional passphrase encrypts your history on disk and locks the app. "
        "There is no way to recover a forgotten passphrase.",
    )
    actions = privacy.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="print 'encrypted: yes|no' and 'lock: on|off'")
    status.set_defaults(func=status_command)
    for name, func, words in (
        ("set-passphrase", set_command, "encrypt your history under a new passphrase"),
        ("change-passphrase", change_command, "re-encrypt your history under a new passphrase"),
        ("remove-passphrase", remove_command, "write your history back unencrypted"),
    ):
        action = actions.add_parser(name, help=words, description=f"{words[0].upper()}{words[1:]}.")
        add_passphrase_fd(action)
        action.set_defaults(func=func)


def status_command(_args: argparse.Namespace) -> int:
    for line in Privacy(database_path()).status().lines():
        print(line)
    return EXIT_OK


def set_command(args: argparse.Namespace) -> int:
    privacy = Privacy(database_path())
    if privacy.encrypted():
        return _fail("set-passphrase", "your history has a passphrase; use change-passphrase.")
    source = PassphraseSource(args.passphrase_fd)
    print(f"{NO_RECOVERY}\n{CLOSE_THE_APP}", file=sys.stderr)
    return _run("set-passphrase", lambda: privacy.set_passphrase(_new(source)), "encrypted")


def change_command(args: argparse.Namespace) -> int:
    privacy = Privacy(database_path())
    if not privacy.encrypted():
        return _fail("change-passphrase", "your history has no passphrase; use set-passphrase.")
    source = PassphraseSource(args.passphrase_fd)

    def change() -> object:
        current = source.ask("Current passphrase: ")
        return privacy.change_passphrase(current, _new(source))

    return _run("change-passphrase", change, "encrypted under the new passphrase")


def remove_command(args: argparse.Namespace) -> int:
    privacy = Privacy(database_path())
    if not privacy.encrypted():
        return _fail("remove-passphrase", "your history has no passphrase.")
    source = PassphraseSource(args.passphrase_fd)
    print(CLOSE_THE_APP, file=sys.stderr)

    def remove() -> object:
        privacy.remove_passphrase(source.ask("Passphrase: "))
        return None

    return _run("remove-passphrase", remove, "no longer encrypted")


def _new(source: PassphraseSource) -> str:
    """A new passphrase: typed twice in a terminal, read once from a descriptor."""
    first = source.ask("New passphrase: ")
    if source.interactive and source.ask("The same again: ") != first:
        raise PassphraseRejectedError("The two passphrases differ; nothing was changed.")
    return first


def _run(command: str, action: Callable[[], object], done: str) -> int:
    try:
        action()
    except (StoreError, PassphraseRejectedError) as error:
        return _fail(command, str(error))
    print(f"Your history is {done}.")
    return EXIT_OK


def _fail(command: str, message: str) -> int:
    print(f"pfrelax privacy {command}: {message}", file=sys.stderr)
    return EXIT_INVALID
