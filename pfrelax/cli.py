"""The `pfrelax` command.

Each sub-command lives in its own module under `pfrelax.commands` and registers itself here.
Qt is imported only by the commands that open a window, so `pfrelax sessions` stays fast and works
on a machine without a display.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pfrelax import __version__

# Order is the order of `pfrelax --help`.
COMMAND_MODULES = (
    "pfrelax.commands.library",
    "pfrelax.commands.validate",
    "pfrelax.commands.play",
    "pfrelax.commands.pack",
    "pfrelax.commands.audio",
    "pfrelax.commands.take_along",
    "pfrelax.commands.report",
    "pfrelax.commands.data",
    "pfrelax.commands.privacy",
    "pfrelax.commands.voices",
    "pfrelax.commands.heart",
)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pfrelax",
        description="Guided breathing and relaxation. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"pfrelax {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from pfrelax.app import run_app  # Qt only now that a window is wanted

        return run_app([])
    try:
        result: int = args.func(args)
    except BrokenPipeError:
        # `pfrelax timeline x | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    return result


if __name__ == "__main__":
    sys.exit(main())
