"""The PT report's heart section as HTML: weekly medians of the heart figures, the pace finder."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from pfrelax.core.heart_report import FinderLine, HeartReport, HeartWeek
from pfrelax.ui.progress.report_html import figure_or_dash, html_table

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
            figure_or_dash(week.mean_hr_bpm),
            figure_or_dash(week.rmssd_ms),
            figure_or_dash(week.peak_to_trough_bpm),
            "–" if week.lf_power_ms2 is None else f"{week.lf_power_ms2:,.0f}",
            f"{week.corrected_beats:,} of {week.beats:,}",
        )
        for week in weeks
    ]
    note = f"<p class='quiet small'>{escape(HEART_NOTE)}</p>"
    return f"<h2>{escape(HEART_TITLE)}</h2>" + html_table(header, rows) + note


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
    return f"<h2>{escape(FINDER_TITLE)}</h2>" + html_table(header, rows)


def _week(monday: date) -> str:
    """ "9–15 Nov", "30 Nov – 6 Dec": as short as the report's own week table says it."""
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}–{sunday.day} {sunday:%b}"
    return f"{monday.day} {monday:%b} – {sunday.day} {sunday:%b}"
