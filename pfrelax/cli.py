"""The `pfrelax` command.

Each sub-command lives in its own module under `pfrelax.commands` and registers itself here.
Qt is imported only by the commands that open a window, so `pfrelax sessions` stays fast and works
on a machine without a display.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence

from pfrelax import __version__, paths
from pfrelax.core import texts
from pfrelax.errors import InputError

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
    "pfrelax.commands.studio",
)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def base_parser() -> argparse.ArgumentParser:
    """The options every command shares, without the commands."""
    parser = argparse.ArgumentParser(
        prog="pfrelax",
        description="Guided breathing and relaxation. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"pfrelax {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="on an unexpected error, print its traceback too"
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = base_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def names_a_command(argv: Sequence[str]) -> bool:
    """Whether `argv` names a command (or asks for help, which lists them)."""
    return any(word in ("-h", "--help") or not word.startswith("-") for word in argv)


def main(argv: Sequence[str] | None = None) -> int:
    texts.use_assets(paths.assets_dir())
    words = list(sys.argv[1:] if argv is None else argv)
    if not names_a_command(words):
        # The window (or the version): parsed without importing every command's modules, which
        # brought numpy, the store's import and export code and the catalog in before the
        # window's first paint (~250 modules; in the bundle each one is unpacked too).
        return run_command(_open_window, base_parser().parse_args(words))
    parser = build_parser()
    args = parser.parse_args(words)
    if args.command is None:
        return run_command(_open_window, args)
    return run_command(args.func, args)


def _open_window(_args: argparse.Namespace) -> int:
    from pfrelax.launch import run_app  # Qt only now that a window is wanted

    return run_app([])


def run_command(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command: an error in the person's input is said plainly (exit 1); anything
    unexpected is our bug, said with a "please report" text, its traceback kept in a file."""
    try:
        result: int = command(args)
    except BrokenPipeError:
        # `pfrelax timeline x | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except InputError as error:
        sys.stderr.write(f"pfrelax: {error.plain()}\n")
        return EXIT_INVALID
    except Exception as error:  # noqa: BLE001  # our bug: told kindly, never a bare traceback
        report_bug(error, debug=bool(args.debug))
        return EXIT_INVALID
    return result


def report_bug(error: Exception, *, debug: bool) -> None:
    from pfrelax import paths
    from pfrelax.bug_report import bug_message, save_details

    try:
        saved = save_details(error, paths.cache_dir())
    except OSError:  # the cache folder itself cannot be made
        saved = None
    sys.stderr.write(f"pfrelax: {bug_message(saved)}\n")
    if debug:
        traceback.print_exception(error, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
