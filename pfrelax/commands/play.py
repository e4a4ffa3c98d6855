"""`pfrelax play SESSION`: open the player on a session and start it after the count-in."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    play = subparsers.add_parser(
        "play",
        help="open the player and start a session",
        description="Open the player and start SESSION after a short count-in. "
        "SESSION is a built-in id (see `pfrelax sessions`), PACK/ID, or a .toml file.",
    )
    play.add_argument("session", metavar="SESSION", help="a session id, PACK/ID or .toml path")
    play.set_defaults(func=play_command)


def play_command(args: argparse.Namespace) -> int:
    from pfrelax.launch import run_player  # Qt only now that a window is wanted

    return run_player(str(args.session))
