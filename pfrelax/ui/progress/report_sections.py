"""The PT report's extra sections as HTML: practice log by week, own questions, global change."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from pfrelax.core.global_change import answer_words
from pfrelax.core.progress_view import format_number
from pfrelax.core.report_extras import ReportExtras
from pfrelax.ui.progress.report_heart import heart_html
from pfrelax.ui.progress.report_html import figure_or_dash, html_table


def extras_html(extras: ReportExtras) -> str:
    """Only the sections with something in them: a report without dilator practice says
    nothing about it."""
    return (
        _practice_html(extras)
        + _questions_html(extras)
        + _global_html(extras)
        + heart_html(extras.heart)
    )


def _practice_html(extras: ReportExtras) -> str:
    if not extras.practice:
        return ""
    rows = [
        (
            _week(date.fromisocalendar(week.year, week.week, 1)),
            str(week.sessions),
            ", ".join(week.sizes),
            figure_or_dash(week.median_pain),
            figure_or_dash(week.median_anxiety),
        )
        for week in extras.practice
    ]
    header = ("Week", "Practices logged", "Sizes used", "Insertion pain", "Anxiety")
    went_well = "".join(
        f"<p>{day.day} {day.strftime('%b')}: {escape(note)}</p>" for day, note in extras.went_well
    )
    heading = "<h2>What went well</h2>" if went_well else ""
    return "<h2>Practice log (medians, 0–10)</h2>" + html_table(header, rows) + heading + went_well


def _questions_html(extras: ReportExtras) -> str:
    parts = []
    for question in extras.questions:
        rows = [(_week(w.start), format_number(w.median), str(w.ratings)) for w in question.weeks]
        parts.append(
            f"<p><b>{escape(question.label)}</b></p>"
            + html_table(("Week", "Median (0–10)", "Ratings"), rows)
        )
    if not parts:
        return ""
    return "<h2>Your PT's questions (weekly medians)</h2>" + "".join(parts)


def _global_html(extras: ReportExtras) -> str:
    if not extras.global_change:
        return ""
    rows = [
        (f"{a.day.day} {a.day.strftime('%b %Y')}", answer_words(a.value))
        for a in extras.global_change
    ]
    header = ("Day", "Since you began: change in your symptoms")
    return "<h2>Global change</h2>" + html_table(header, rows)


def _week(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    return f"{monday.day} {monday.strftime('%b')} – {sunday.day} {sunday.strftime('%b %Y')}"
