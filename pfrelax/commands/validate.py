"""`pfrelax validate PATH...`: check session files and packs the way the app will.

Exit 0 when everything is valid ("ok: FILE" per file), 1 when anything is invalid (one problem a
line on stderr, `file:line: key: message`) or a path does not exist or cannot be checked; 2 only
when argparse cannot read the command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.formats.problems import FormatError, Problem
from pfrelax.formats.session_file import load_session
from pfrelax.formats.session_media import audio_problems

_GIVE = "check the path, or give a session file (*.toml), a .pfpack file or a pack's folder"
# A validator returns every problem of one path; an empty list means it is valid.
Validator = Callable[[Path], Sequence[Problem]]


def register(subparsers: Any) -> None:  # argparse's subparsers action has no public type
    parser = subparsers.add_parser(
        "validate",
        help="check session files and packs, listing every problem with its line",
        description="Check session files (*.toml) and packs. A folder without pack.toml is "
        "checked file by file.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.set_defaults(func=run_validate)


def validate_session_file(path: Path) -> Sequence[Problem]:
    """Every problem of the session file at `path`, its recordings decoded to the end too."""
    try:
        session = load_session(path)
    except FormatError as error:
        return error.problems
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")  # read and checked above
    return audio_problems(session, path, text)


def validate_pack(path: Path) -> Sequence[Problem]:
    from pfrelax.formats.pack import read_pack  # zip and audio checks load only when needed

    try:
        read_pack(path)
    except FormatError as error:
        return error.problems
    return ()


def is_pack(path: Path) -> bool:
    return path.suffix == ".pfpack" or (path.is_dir() and (path / "pack.toml").is_file())


def validator_for(path: Path) -> Validator | None:
    """How to check `path`, or None when pfrelax does not know how.

    Packs: the packs module plugs in here (a validator for a `.pfpack` or a folder with pack.toml).
    """
    if is_pack(path):
        return validate_pack
    if path.suffix == ".toml":
        return validate_session_file
    return None


def run_validate(args: argparse.Namespace) -> int:
    worst = EXIT_OK
    for path in _expand(args.paths):
        worst = max(worst, _validate_one(path))
    return worst


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Paths as given, with a plain folder (not a pack) replaced by the session files in it."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir() and not is_pack(path):
            expanded.extend(sorted(path.glob("*.toml")) or [path])
        else:
            expanded.append(path)
    return expanded


def _validate_one(path: Path) -> int:
    if not path.exists():
        print(f"pfrelax validate: {path}: no such file or folder; {_GIVE}", file=sys.stderr)
        return EXIT_INVALID
    validator = validator_for(path)
    if validator is None:
        print(
            f"pfrelax validate: {path}: not a session file (*.toml) or a pack; {_GIVE}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    problems = validator(path)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    print(f"ok: {path}")
    return EXIT_OK
