"""Text cells a spreadsheet would run as a formula, guarded on export and given back on import.

A title, note or session name is the person's (or a pack author's) own text. Written raw, one
that begins with "=", "+", "-" or "@" runs as a formula when a PT opens the CSV in a spreadsheet
(CSV injection). Such a cell is written with a leading apostrophe, which spreadsheets show as
text; a cell that already begins with an apostrophe gets one too, so reading back is exact.
"""

from __future__ import annotations

# What spreadsheets take as the start of a formula (OWASP's list), and our own guard.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"


def guarded(value: object) -> object:
    """`value` as it may go into a CSV cell: text that a spreadsheet would run, or that begins
    with the guard itself, gets the guard in front; anything else is unchanged."""
    if isinstance(value, str) and value.startswith((*_FORMULA_STARTS, _GUARD)):
        return _GUARD + value
    return value


def unguarded(text: str) -> str:
    """A cell as read from a CSV, without the guard `guarded` put there. An apostrophe that
    guards nothing (a hand-written "'hello") is the person's own and stays."""
    if text.startswith(_GUARD) and text[1:2] and text[1:].startswith((*_FORMULA_STARTS, _GUARD)):
        return text[1:]
    return text
