"""`pfrelax report --pdf FILE`: the PT report as a PDF, made without opening a window.

Exit 0 when written, 1 when there is no history yet or the file or database cannot be used
(a full disk leaves any earlier report as it was), 2 for a usage error (a date that is not
YYYY-MM-DD, outside 1970 … tomorrow, --from after --to, or more than five years).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.commands.passphrase import add_passphrase_fd, open_history
from pfrelax.core.report_range import DEFAULT_WEEKS, MAX_YEARS, default_first_day, range_problem
from pfrelax.core.texts import text
from pfrelax.paths import database_path
from pfrelax.store.errors import StoreError

PAPERS = ("A4", "Letter")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a PDF report for your physical therapist",
        description="Write a one- or two-page PDF: sessions and minutes per week, the median "
        "change before → after sessions, and weekly pain. Dates are local days, inclusive, "
        f"from 1970 to tomorrow and at most {MAX_YEARS} years apart; the default runs from "
        f"your first record (at most {DEFAULT_WEEKS} weeks back) to today.",
    )
    parser.add_argument("--pdf", metavar="FILE", type=Path, required=True, help="where to write")
    parser.add_argument("--from", dest="date_from", metavar="DATE", type=_iso_date)
    parser.add_argument("--to", dest="date_to", metavar="DATE", type=_iso_date)
    parser.add_argument("--include-notes", action="store_true", help="add your check-in notes")
    parser.add_argument("--paper", choices=PAPERS, default="A4")
    add_passphrase_fd(parser)
    parser.set_defaults(func=report_command)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01"
        ) from None


def report_range(
    date_from: date | None, date_to: date | None, today: date, earliest: date | None = None
) -> tuple[date, date]:
    """The days to report: as asked, else to today and from the first record (`earliest`)."""
    last = date_to or today
    return date_from or default_first_day(last, earliest), last


def local_today() -> date:
    """The person's local date; tests replace this to pin the day."""
    return date.today()


def report_command(args: argparse.Namespace, today: date | None = None) -> int:
    today = today or local_today()
    if not args.pdf.name or args.pdf.is_dir():  # "", "." or a folder: no file to write
        print(
            f"pfrelax report: --pdf {args.pdf}: is a folder; give the file to write, "
            "like --pdf report.pdf",
            file=sys.stderr,
        )
        return EXIT_INVALID
    problem = range_problem(args.date_from, args.date_to, today)
    if problem is not None:
        print(f"pfrelax report: {problem}", file=sys.stderr)
        return EXIT_INVALID
    source = database_path()
    if not source.is_file():
        print(
            f"pfrelax report: there is no history at {source} yet. Practise a session or "
            "check in first.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    _headless_if_no_display()
    from pfrelax.services.report import gather_report
    from pfrelax.services.today import plan_adherence
    from pfrelax.store.progress_queries import first_record_day  # numpy: only now
    from pfrelax.ui.progress.report import ensure_application, write_report  # Qt only now
    from pfrelax.ui.progress.report_file import ReportFileError

    ensure_application()
    try:
        with open_history(args, source) as db:
            first, last = report_range(args.date_from, args.date_to, today, first_record_day(db))
            problem = range_problem(first, last, today)
            if problem is not None:
                print(f"pfrelax report: {problem}", file=sys.stderr)
                return EXIT_INVALID
            adherence = plan_adherence(db)
            report = gather_report(db, first, last, args.include_notes, adherence)
            data = write_report(report, args.pdf, page_size=args.paper)
    except ReportFileError as error:
        print(f"pfrelax report: could not write {args.pdf}: {error}", file=sys.stderr)
        return EXIT_INVALID
    except (StoreError, OSError) as error:
        print(f"pfrelax report: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Wrote the report for {first} to {last} ({data.totals_words()}) to {args.pdf}.")
    print(text("privacy_export_note"))
    return EXIT_OK


def _headless_if_no_display() -> None:
    """Render offscreen on a machine (or ssh session) without a display."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
