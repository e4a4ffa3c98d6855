"""The PT report's HTML pieces every section uses: a plain table and a figure or a dash."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from pfrelax.core.progress_view import format_number


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0'><tr>{head}</tr>{body}</table>"


def figure_or_dash(value: float | None) -> str:
    return "–" if value is None else format_number(value)
