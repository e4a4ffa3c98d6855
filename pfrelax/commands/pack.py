"""`pfrelax pack validate|info|install|list|remove|build`: a PT's packs from the command line.

Exit codes: 0 ok, 1 the pack, the path or the request is wrong or was declined, 2 a command line
argparse cannot read (a missing argument).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.core.durations import format_clock
from pfrelax.core.plan import describe_entry
from pfrelax.core.session import Session, SpeakStep
from pfrelax.formats.pack import Pack, read_pack
from pfrelax.formats.pack_limits import format_size
from pfrelax.formats.problems import FormatError, PackError, Problem, visible
from pfrelax.services.catalog import timeline as session_timeline
from pfrelax.store.errors import StoreError

_MEASURE_WORDS = {
    "distress": "distress",
    "pelvic_tension": "pelvic floor tension",
    "mood": "mood",
    "body_tension": "body tension",
    "pain": "pain",
    "pain_with_penetration": "pain with penetration",
}


def register(subparsers: Any) -> None:  # argparse's subparsers action has no public type
    parser = subparsers.add_parser(
        "pack",
        help="check, build, install and remove session packs from your PT",
        description="Session packs: a .pfpack file (or, while writing one, its folder).",
    )
    commands = parser.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    _add(commands, "validate", "check a pack, listing every problem", run_validate, "PATH")
    _add(commands, "info", "describe a pack (a file, folder or installed ID)", run_info, "PATH")
    install = _add(commands, "install", "install a pack (or upgrade it)", run_install, "PATH")
    install.add_argument(
        "--yes",
        action="store_true",
        help="install an older version, or the same version with different content, without asking",
    )
    install.add_argument(
        "--replace-author",
        action="store_true",
        help="replace an installed pack from another author with this one (both names are "
        "shown first; only for a file you trust)",
    )
    listing = _add(commands, "list", "list installed packs", run_list, None)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add(commands, "remove", "remove an installed pack (your history stays)", run_remove, "ID")
    build = _add(commands, "build", "build a .pfpack from a pack folder", run_build, "DIR")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pfpack")
    build.add_argument(
        "--voice",
        choices=("natural",),
        help="record every speak step that has only text with the natural voice "
        "(needs the optional `voice` extra)",
    )


def _add(
    commands: Any, name: str, help_text: str, func: Any, argument: str | None
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    if argument == "ID":
        parser.add_argument("pack_id", metavar="ID")
    elif argument is not None:
        parser.add_argument("path", type=Path, metavar=argument)
    parser.set_defaults(func=func)
    return parser


def _problems(problems: tuple[Problem, ...] | list[Problem]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return EXIT_INVALID


def _missing(action: str, path: Path) -> int:
    also = ", or an installed pack's id" if action == "info" else ""
    print(
        f"pfrelax pack {action}: {path}: no such file or folder; check the path, or give a "
        f".pfpack file or a pack's folder{also}",
        file=sys.stderr,
    )
    return EXIT_INVALID


# -- validate and info -------------------------------------------------------------------------
def run_validate(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.exists():
        return _missing("validate", path)
    try:
        pack = read_pack(path)
    except PackError as error:
        return _problems(error.problems)
    count = len(pack.sessions)
    print(f"ok: {path} — {pack.title} {pack.version}, {count} session{'s' * (count != 1)}")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.exists():
        path = _installed_folder(str(path)) or path
    if not path.exists():
        return _missing("info", path)
    try:
        pack = read_pack(path)
    except PackError as error:
        return _problems(error.problems)
    print("\n".join(describe_pack(pack)))
    return EXIT_OK


def _installed_folder(pack_id: str) -> Path | None:
    """The folder of the installed pack `pack_id`, so `pack info ID` works too."""
    from pfrelax.commands.library import open_packs

    try:
        found = [pack.folder for pack in open_packs().installed() if pack.pack_id == pack_id]
    except StoreError:
        return None
    return found[0] if found else None


def describe_pack(pack: Pack) -> list[str]:
    """What `pack info` prints: who it is from, their message, sessions, plan and safety."""
    who = pack.author + (f" — {pack.organisation}" if pack.organisation else "")
    lines = [f"{pack.title} (version {pack.version})", f"From {who}"]
    if pack.created:
        lines.append(f"Made {pack.created.isoformat()}")
    if pack.description:
        lines += ["", pack.description]
    if pack.message:
        lines += ["", f"Message from {pack.author}:"]
        lines += [f"  {line}".rstrip() for line in pack.message.splitlines()]
    lines += ["", "Sessions:"]
    titles = {session.id: session.title for session in pack.sessions}
    for session in pack.sessions:
        clock = format_clock(session_timeline(session).duration_ms)
        lines.append(f"  {session.title} ({session.id}), {clock}")
        lines += narration_lines(session)
    if pack.plan:
        lines += ["", "Plan (weeks count from the day you start):"]
        for entry in pack.plan:
            lines.append(f"  {titles.get(entry.session, entry.session)}: {describe_entry(entry)}")
    lines += ["", "Check-ins: " + _measures(pack)]
    lines += _safety(pack)
    return lines


def narration_lines(session: Session) -> list[str]:
    """One line per speak step: its recording, or that it is text only."""
    return [
        f"    “{step.title}”: " + (f"recording {step.audio}" if step.audio else "text only")
        for step in session.steps
        if isinstance(step, SpeakStep)
    ]


def _measures(pack: Pack) -> str:
    text = ", ".join(_MEASURE_WORDS[m] for m in pack.checkin_measures) or "none"
    if pack.checkin_weekly:
        text += "; weekly: " + ", ".join(_MEASURE_WORDS[m] for m in pack.checkin_weekly)
    for item in pack.checkin_items:
        when = " and ".join(item.when)
        text += f"; the PT's own question ({when}): “{item.question}”"
    return text


def _safety(pack: Pack) -> list[str]:
    notes: list[str] = []
    if pack.has_holds:
        notes.append("Some sessions use breath holds; their safety note is shown before each.")
    if pack.has_contractions:
        notes.append(
            "Some sessions ask for a gentle pelvic floor contraction; their safety note is "
            "shown before each."
        )
    if pack.limits.name == "clinician":
        notes.append(
            "This pack uses the wider limits a PT may set (longer breaths and sessions). "
            "Practise them as your PT showed you."
        )
    return ["", "Safety:", *(f"  {note}" for note in notes)] if notes else []


# -- install, list, remove ---------------------------------------------------------------------
def run_install(args: argparse.Namespace) -> int:
    from pfrelax.commands.library import open_packs
    from pfrelax.formats.pack_questions import (
        AuthorChangeRequired,
        DowngradeRequired,
        ReplaceRequired,
    )

    path: Path = args.path
    if not path.exists():
        return _missing("install", path)
    allowed = {
        "allow_downgrade": args.yes,
        "allow_replace": args.yes,
        "allow_author_change": args.replace_author,
    }
    questions = {DowngradeRequired: "allow_downgrade", ReplaceRequired: "allow_replace"}
    try:
        while True:
            try:
                result = open_packs().install(path, **allowed)
                break
            except AuthorChangeRequired as question:
                print(question, file=sys.stderr)
                print(
                    f"Run `pfrelax pack install --replace-author {path}` to install it anyway.",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            except (DowngradeRequired, ReplaceRequired) as question:
                if not _confirm(question):
                    return EXIT_INVALID
                allowed[questions[type(question)]] = True
    except PackError as error:
        return _problems(error.problems)
    except (StoreError, OSError) as error:
        print(f"pfrelax pack install: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(_install_line(result.pack, result.status, result.previous_version))
    if result.status in ("installed", "upgraded", "replaced") and result.pack.message:
        print(f"\nMessage from {result.pack.author}:\n{result.pack.message}")
    return EXIT_OK


def _confirm(question: Exception) -> bool:
    """Ask on a terminal; anything but yes (Ctrl-D and Ctrl-C included) is no."""
    print(question, file=sys.stderr)
    if not sys.stdin.isatty():
        print("Run `pfrelax pack install --yes` to install it anyway.", file=sys.stderr)
        return False
    try:
        answer = input("Install it? [y/N] ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return False
    return answer.strip().lower() in ("y", "yes")


def _install_line(pack: Pack, status: str, previous: str | None) -> str:
    count = len(pack.sessions)
    sessions = f"{count} session{'s' * (count != 1)}"
    if status == "already installed":
        return f"{pack.title} {pack.version} is already installed; nothing changed."
    if status == "replaced":
        return (
            f"Replaced {pack.title} {pack.version} with this file's content ({sessions}). "
            "Your history and the day you started the plan are kept."
        )
    if status in ("upgraded", "downgraded"):
        return (
            f"{status.capitalize()} {pack.title} from {previous} to {pack.version} ({sessions}). "
            "Your history and the day you started the plan are kept."
        )
    return f"Installed {pack.title} {pack.version} ({sessions})."


def run_list(args: argparse.Namespace) -> int:
    from pfrelax.commands.library import open_packs

    try:
        service = open_packs()
        packs = service.installed()
        rows = [_row(pack, [s.id for s in service.contents(pack).sessions]) for pack in packs]
    except StoreError as error:
        print(f"pfrelax pack list: {error}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        print("No packs installed. Install one with `pfrelax pack install FILE.pfpack`.")
    for row in rows if not args.json else []:
        started = f", plan started {row['plan_started']}" if row["plan_started"] else ""
        count = len(row["sessions"])
        print(f"{row['id']} {row['version']}  {row['title']}  ({count} sessions{started})")
    return EXIT_OK


def _row(pack: Any, sessions: list[str]) -> dict[str, Any]:
    return {
        "id": pack.pack_id,
        "version": pack.version,
        "title": pack.title,
        "sessions": sessions,
        "folder": str(pack.folder),
        "installed_at": pack.installed_at.isoformat(timespec="seconds"),
        "plan_started": pack.plan_started.isoformat() if pack.plan_started else None,
    }


def run_remove(args: argparse.Namespace) -> int:
    from pfrelax.commands.library import open_packs
    from pfrelax.formats.pack_install import PackNotInstalled

    try:
        removed = open_packs().remove(args.pack_id)
    except PackNotInstalled as error:
        print(f"pfrelax pack remove: {visible(error.args[0])}", file=sys.stderr)
        return EXIT_INVALID
    except (StoreError, OSError) as error:
        print(f"pfrelax pack remove: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"Removed {removed.title} {removed.version}. Your session history and check-ins are kept."
    )
    return EXIT_OK


# -- build ---------------------------------------------------------------------------------------
def run_build(args: argparse.Namespace) -> int:
    from pfrelax.formats.pack_build import build_pack

    folder: Path = args.path
    output: Path = args.output
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "no such folder"
        print(
            f"pfrelax pack build: {folder}: {what}; give the pack's folder (the one with "
            "pack.toml)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if not output.name:  # "", "." or "/": a folder, and no file name to write beside it
        print(
            f"pfrelax pack build: -o '{args.output}': give the file to write, like "
            f"-o {folder.resolve().name}.pfpack",
            file=sys.stderr,
        )
        return EXIT_INVALID
    prepare = None
    if args.voice == "natural":
        from pfrelax.commands.pack_voice import speak_text_steps

        prepare = speak_text_steps
    try:
        built = build_pack(folder, output, prepare)
    except FormatError as error:
        return _problems(error.problems)
    except OSError as error:
        print(
            f"pfrelax pack build: could not write {output} ({error.strerror or error}); nothing "
            "was written. Give -o a new file name in a folder you can write to.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(
        f"Built {built} ({format_size(built.stat().st_size)}). Send this one file to your patient."
    )
    return EXIT_OK
