"""The PT report's heart section as HTML: weekly medians of the heart figures, the pace finder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from pfrelax.core.heart_report import FinderLine, HeartReport, HeartWeek
from pfrelax.core.progress_view import format_number

HEART_TITLE = "Heart figures (weekly medians)"
HEART_NOTE = (
    "The person's own numbers from a heart rate strap, to compare only with their own other "
    "weeks; not a test or a diagnosis. Corrected beats looked like a glitch or an extra beat and "
    "were smoothed over."
)
FINDER_TITLE = "Finding their pace"
NO_CLEAR_PACE = "no clear pace this time"


def heart_html(report: HeartReport) -> str:
    """Nothing at all when no run in the range had a heart source."""
    return _weeks_html(report.weeks) + _finder_html(report.finder)


def _weeks_html(weeks: tuple[HeartWeek, ...]) -> str:
    if not weeks:
        return ""
    header = (
        "Week",
        "Sessions",
        "Mean HR (bpm)",
        "RMSSD (ms)",
        "Peak-to-trough (bpm)",
        "LF power (ms²)",
        "Beats corrected",
    )
    rows = [
        (
            _week(week.start),
            str(week.runs),
            _number(week.mean_hr_bpm),
            _number(week.rmssd_ms),
            _number(week.peak_to_trough_bpm),
            "–" if week.lf_power_ms2 is None else f"{week.lf_power_ms2:,.0f}",
            f"{week.corrected_beats:,} of {week.beats:,}",
        )
        for week in weeks
    ]
    note = f"<p class='quiet small'>{escape(HEART_NOTE)}</p>"
    return f"<h2>{escape(HEART_TITLE)}</h2>" + _table(header, rows) + note


def _finder_html(lines: tuple[FinderLine, ...]) -> str:
    if not lines:
        return ""
    rows = [
        (
            f"{line.day.day} {line.day.strftime('%b %Y')}",
            NO_CLEAR_PACE if line.chosen is None else f"{line.chosen:g} breaths a minute",
            f"{line.corrected_beats:,}",
        )
        for line in lines
    ]
    header = ("Day", "The pace their heart followed most", "Beats corrected")
    return f"<h2>{escape(FINDER_TITLE)}</h2>" + _table(header, rows)


def _week(monday: date) -> str:
    """ "9–15 Nov", "30 Nov – 6 Dec": as short as the report's own week table says it."""
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}–{sunday.day} {sunday:%b}"
    return f"{monday.day} {monday:%b} – {sunday.day} {sunday:%b}"


def _number(value: float | None) -> str:
    return "–" if value is None else format_number(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0'><tr>{head}</tr>{body}</table>"
