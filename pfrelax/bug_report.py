"""Our bug, told kindly: the "please report" words, with the traceback kept in a file."""

from __future__ import annotations

import traceback
from pathlib import Path

from pfrelax.durable import write_private

REPORT_FILE = "last-error.txt"

PLEASE_REPORT = (
    "Something went wrong inside pfrelax. This is a fault in pfrelax, not something you did. "
    "Please report it, with the details, so it can be fixed."
)


def details(error: BaseException) -> str:
    """The traceback of `error` as text, for a details box or the report file."""
    return "".join(traceback.format_exception(error))


def save_details(error: BaseException, folder: Path) -> Path | None:
    """Keep the traceback in `folder`; its path, or None when it cannot be written."""
    path = folder / REPORT_FILE
    try:
        write_private(path, details(error).encode("utf-8"))
    except OSError:
        return None  # a full or read-only disk must not turn one problem into two
    return path


def bug_message(saved: Path | None) -> str:
    """The words for our bug: please report, and where the details are (if they were kept)."""
    if saved is None:
        return PLEASE_REPORT
    return f"{PLEASE_REPORT}\nThe details are in {saved}."
