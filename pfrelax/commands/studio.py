"""`pfrelax studio [FOLDER|FILE]`: the pack studio, on a pack folder or `.pfpack`, or empty."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pfrelax.cli import EXIT_INVALID, EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    studio = subparsers.add_parser(
        "studio",
        help="make or change a pack for a patient, in forms (for PTs)",
        description="Open the pack studio. With a pack folder or a .pfpack, open it for "
        "editing: comments and layout in hand-written files are kept.",
    )
    studio.add_argument("pack", nargs="?", type=Path, metavar="FOLDER|FILE", help="a pack")
    studio.set_defaults(func=studio_command)


def studio_command(args: argparse.Namespace) -> int:
    pack: Path | None = args.pack
    if pack is not None and not pack.exists():
        print(f"pfrelax studio: {pack}: no such folder or file", file=sys.stderr)
        return EXIT_INVALID
    from pfrelax.services.pack_studio import FormatError, open_pack

    try:  # before any window: a pack that cannot be opened is said here, on the terminal
        source = None if pack is None else open_pack(pack)
    except FormatError as error:
        print(f"pfrelax studio: {pack} could not be opened:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INVALID
    # Qt only now that a window is wanted.
    from pfrelax.launch import create_application
    from pfrelax.services.preferences import Preferences
    from pfrelax.ui.common.theme import ThemeMode
    from pfrelax.ui.common.theme_follow import ThemeFollower
    from pfrelax.ui.studio.studio_window import StudioWindow

    app = create_application([])
    theme = ThemeMode(Preferences.read().settings.theme)
    follower = ThemeFollower(app, lambda: theme)  # the app's colours, light or dark as it is
    window = StudioWindow()
    if pack is not None and source is not None:
        window.show_opened(pack, source)
    window.show()
    app.exec()
    follower.stop()
    return EXIT_OK
