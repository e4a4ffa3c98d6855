"""Every Qt signal says what it carries: no `Signal(object)` erases a known type (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pfrelax

PACKAGE = Path(pfrelax.__file__).parent
# `Signal(object)` and `Signal(int, object)` alike, with any spacing; comments do not count.
ERASED = re.compile(r"\bSignal\s*\([^)#]*\bobject\b")
# The one exception: LibraryPage's signals carry a Session declared as object, because building
# the session dataclasses costs ~10 ms and the first paint does without them (issue 12;
# tests/gui/test_start_order.py checks that they are not imported by then).
AFTER_FIRST_PAINT = "ui/library/library_page.py"


def erased_signals(source: str) -> list[int]:
    """The numbers of the lines declaring a signal that carries a bare `object`."""
    lines = source.splitlines()
    return [number for number, line in enumerate(lines, 1) if ERASED.search(line.split("#")[0])]


def test_the_scan_finds_an_erased_signal() -> None:
    source = (
        "class A(QObject):\n    done = Signal(object)  # a result\n    two = Signal(int,  object)\n"
    )
    assert erased_signals(source) == [2, 3]


def test_the_scan_passes_typed_signals_and_comments() -> None:
    source = "    done = Signal(ScanResult)  # not Signal(object)\n    path = Signal(Path)\n"
    assert erased_signals(source) == []


def test_no_signal_in_pfrelax_carries_a_bare_object() -> None:
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := erased_signals(path.read_text(encoding="utf-8")))
    }
    assert {path: lines for path, lines in found.items() if path != AFTER_FIRST_PAINT} == {}
