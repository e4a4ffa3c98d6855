"""`pfrelax export`, `import` and `restore`: the history as CSV or JSON, and backups put back."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from pfrelax.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from pfrelax.commands.passphrase import add_passphrase_fd, open_history
from pfrelax.core.data_words import kinds_words
from pfrelax.paths import database_path
from pfrelax.store.cipher import is_encrypted
from pfrelax.store.errors import DataFileError, StoreError
from pfrelax.store.export import export_csv, export_json
from pfrelax.store.importer import import_csv, import_json
from pfrelax.store.progress_queries import data_counts
from pfrelax.store.recovery import last_backup
from pfrelax.store.restore_history import restore_history


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export",
        help="write your check-ins and session history to CSV or JSON",
        description="Write your check-ins and session history to CSV files or one JSON file.",
    )
    _add_target(export, "write checkins.csv and runs.csv into DIR", "write one JSON file")
    add_passphrase_fd(export)
    export.set_defaults(func=export_command)

    imported = subparsers.add_parser(
        "import",
        help="add check-ins and session history from an export",
        description="Add check-ins and session history from a pfrelax export. Everything is "
        "checked first: if any row is wrong nothing is imported. Rows already there are skipped.",
    )
    _add_target(imported, "read checkins.csv and runs.csv from DIR", "read one JSON export")
    add_passphrase_fd(imported)
    imported.set_defaults(func=import_command)

    restore = subparsers.add_parser(
        "restore",
        help="put a backup back in place of your history",
        description="Put a backup back in place of your history: a file you saved with "
        '"Back up", or (with no BACKUP) the last copy pfrelax kept itself. The history it '
        "replaces is kept beside it in the data folder. If the database is damaged, close the "
        "pfrelax window first.",
    )
    restore.add_argument("backup", metavar="BACKUP", type=Path, nargs="?", help="a backup file")
    restore.set_defaults(func=restore_command)


RESTORE_ENCRYPTED = (
    "your history is protected by a passphrase, and a backup cannot be restored into it. Run "
    "`pfrelax privacy remove-passphrase`, restore, then set the passphrase again."
)


def _add_target(parser: argparse.ArgumentParser, csv_help: str, json_help: str) -> None:
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--csv", metavar="DIR", type=Path, help=csv_help)
    target.add_argument("--json", metavar="FILE", type=Path, help=json_help)


def _target(args: argparse.Namespace, command: str) -> tuple[Path, bool] | None:
    """The --csv folder or --json file and whether it is CSV; None after saying only one goes."""
    csv_dir: Path | None = args.csv
    json_file: Path | None = args.json
    if csv_dir is not None and json_file is None:
        return csv_dir, True
    if json_file is not None and csv_dir is None:
        return json_file, False
    print(f"pfrelax {command}: give either --csv DIR or --json FILE", file=sys.stderr)
    return None


def export_command(args: argparse.Namespace) -> int:
    target = _target(args, "export")
    if target is None:
        return EXIT_USAGE
    where, as_csv = target
    try:
        with open_history(args) as db:
            counts = (export_csv if as_csv else export_json)(db, where)
    except StoreError as error:
        print(f"pfrelax export: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(
            f"pfrelax export: could not write {error.filename or where} "
            f"({error.strerror or error}). Choose a folder you can write to, on a disk with free "
            "space.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(f"Exported {kinds_words(counts.kinds())} to {where}.")
    if counts.left_out:
        print(
            f"Left out {counts.left_out} record{'s' if counts.left_out != 1 else ''} whose "
            "stored time is not a real date (saved by an older pfrelax, or edited by hand)."
        )
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    target = _target(args, "import")
    if target is None:
        return EXIT_USAGE
    where, as_csv = target
    if as_csv and not where.is_dir():
        print(f"pfrelax import: {where}: there is no folder here", file=sys.stderr)
        return EXIT_INVALID
    try:
        with open_history(args) as db:
            summary = (import_csv if as_csv else import_json)(db, where)
    except DataFileError as error:
        lines = "\n".join(f"  {problem}" for problem in error.problems)
        print(
            f"pfrelax import: nothing was imported. Fix these and try again:\n{lines}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    except (StoreError, OSError) as error:
        print(f"pfrelax import: {error}", file=sys.stderr)
        return EXIT_INVALID
    skipped = summary.already_there
    added = kinds_words(summary.kinds())
    print(f"Imported {added}" + (f" ({skipped} already there)." if skipped else "."))
    return EXIT_OK


def restore_command(args: argparse.Namespace) -> int:
    path = database_path()
    source: Path | None = args.backup or last_backup(path)
    if source is None:
        print(
            f"pfrelax restore: pfrelax has kept no backup in {path.parent} yet. Give the backup "
            "file you saved: pfrelax restore FILE",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        if is_encrypted(path):
            raise StoreError(RESTORE_ENCRYPTED)
        aside = restore_history(path, source, datetime.now())
        with open_history(args, path) as db:
            counts = data_counts(db)
    except StoreError as error:
        print(f"pfrelax restore: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(
            f"pfrelax restore: could not write in {path.parent} ({error.strerror or error}); "
            "nothing was changed.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    kept = f" What it replaced is kept as {aside}." if aside else ""
    print(
        f"Restored {counts.checkins} check-ins and {counts.runs} session runs from {source}." + kept
    )
    return EXIT_OK
