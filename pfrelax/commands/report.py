"""`pfrelax report --pdf FILE`: the PT report as a PDF, made without opening a window.

Exit 0 when written, 1 when there is no history yet or the file or database cannot be used,
2 for a usage error (a date that is not YYYY-MM-DD, or --from after --to).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta
from pathlib import Path

from pfrelax.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from pfrelax.core.texts import text
from pfrelax.paths import database_path
from pfrelax.store.db import open_database
from pfrelax.store.errors import StoreError

DEFAULT_WEEKS = 12
PAPERS = ("A4", "Letter")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a PDF report for your physical therapist",
        description="Write a one- or two-page PDF: sessions and minutes per week, the median "
        "change before → after sessions, and weekly pain. Dates are local days, inclusive; "
        f"the default is the last {DEFAULT_WEEKS} weeks up to today.",
    )
    parser.add_argument("--pdf", metavar="FILE", type=Path, required=True, help="where to write")
    parser.add_argument("--from", dest="date_from", metavar="DATE", type=_iso_date)
    parser.add_argument("--to", dest="date_to", metavar="DATE", type=_iso_date)
    parser.add_argument("--include-notes", action="store_true", help="add your check-in notes")
    parser.add_argument("--paper", choices=PAPERS, default="A4")
    parser.set_defaults(func=report_command)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01"
        ) from None


def report_range(date_from: date | None, date_to: date | None, today: date) -> tuple[date, date]:
    last = date_to or today
    first = date_from or last - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
    return first, last


def report_command(args: argparse.Namespace) -> int:
    first, last = report_range(args.date_from, args.date_to, date.today())
    if first > last:
        print(f"pfrelax report: --from {first} is after --to {last}; swap them.", file=sys.stderr)
        return EXIT_USAGE
    source = database_path()
    if not source.is_file():
        print(
            f"pfrelax report: there is no history at {source} yet. Practise a session or "
            "check in first.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    _headless_if_no_display()
    from pfrelax.ui.report import ensure_application, write_report  # Qt only now
    from pfrelax.ui.today_source import plan_adherence

    ensure_application()
    try:
        # recover_runs=False: the app may be playing a session right now.
        with open_database(source, recover_runs=False) as db:
            data = write_report(
                db,
                args.pdf,
                first,
                last,
                args.include_notes,
                adherence_provider=plan_adherence(db),
                page_size=args.paper,
            )
    except (StoreError, OSError) as error:
        print(f"pfrelax report: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"Wrote the report for {first} to {last} ({data.sessions} sessions completed"
        f"{f', {data.partial} partial' if data.partial else ''}, {round(data.minutes)} minutes) "
        f"to {args.pdf}."
    )
    print(text("privacy_export_note"))
    return EXIT_OK


def _headless_if_no_display() -> None:
    """Render offscreen on a machine (or ssh session) without a display."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
