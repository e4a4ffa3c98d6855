"""The PT report: one or two pages of PDF (QPdfWriter + QTextDocument) with tables and charts.

Used by the Progress page and by `pfrelax report`; needs only a QGuiApplication, which
`ensure_application` creates when the command line runs without one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from pfrelax.core.progress import AdherenceRow, meaningful_pain_drop
from pfrelax.core.progress_view import PAIN_BAND_TEXT, format_change, format_number
from pfrelax.core.report_data import ReportData
from pfrelax.core.report_extras import ReportExtras
from pfrelax.services.report import Note, ReportInput
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.progress import report_charts as charts
from pfrelax.ui.progress.report_file import ReportFileError, Writer, write_private_file
from pfrelax.ui.progress.report_html import html_table
from pfrelax.ui.progress.report_sections import extras_html

NOT_ATTEMPTED_TEXT = "not attempted"
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
TITLE = "Practice report"  # neutral: the file may be seen by others on the way to the PT
RESOLUTION_DPI = 96  # layout units of the document; text stays vector, charts keep their pixels
MARGIN_MM = 15.0
FOOTER = (
    "Ratings are the person's own 0–10 ratings. Change is after − before a session: a negative "
    "change means the rating was lower afterwards. pfrelax is a wellness tool, not a medical "
    "device."
)


_created: list[QGuiApplication] = []  # keeps an application made here alive until exit


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (the command line has none)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    _created.append(QGuiApplication(["pfrelax"]))
    return _created[-1]


def write_report(
    report: ReportInput,
    path: Path,
    *,
    page_size: str = "A4",
    generated: date | None = None,
    write: Writer | None = None,
) -> ReportData:
    """Write `report` (gathered by the report service) to `path` as PDF; returns its figures.

    The PDF is made in memory and written whole or not at all (`report_file`), mode 0600.
    ReportFileError (an OSError) with a plain message if it cannot be written; a file already
    at `path` is then left as it was.
    """
    data, notes, extras = report.data, report.notes, report.extras
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer, page_size)
    area = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    document = build_document(data, notes, generated or date.today(), area.width(), extras)
    # A document with a page size is printed as laid out here, with no extra 2 cm margin.
    document.setPageSize(QSizeF(area.width(), area.height()))
    document.print_(writer)
    del writer  # the PDF is finished when the writer goes
    pdf = bytes(buffer.data().data())
    buffer.close()
    if not pdf.startswith(b"%PDF"):
        raise ReportFileError("the PDF could not be made. Please try again.")
    write_private_file(path, pdf, write)
    return data


def _writer(device: QIODevice, page_size: str) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setTitle(TITLE)
    writer.setCreator("pfrelax")
    writer.setResolution(RESOLUTION_DPI)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def build_document(
    data: ReportData,
    notes: Sequence[Note],
    generated: date,
    width: int,
    extras: ReportExtras | None = None,
) -> QTextDocument:
    """The report as a QTextDocument with its chart images attached as resources."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(_CSS)
    images = _chart_images(data)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    parts = [
        f"<h1>{TITLE}</h1>",
        f"<p class='quiet'>{_day(data.first)} – {_day(data.last)} · made {_day(generated)}</p>",
        f"<p>{escape(data.totals_words())} practised.</p>",
        _changes_html(data),
        _img(images, "chart:before-after", width),
        _img(images, "chart:weekly", width),
        _band_caption(data),
        _weeks_html(data),
        extras_html(extras) if extras is not None else "",
        _notes_html(notes) if notes else "",
        f"<p class='quiet small'>{escape(FOOTER)}</p>",
    ]
    document.setHtml("".join(parts))
    return document


_CSS = f"""
body {{ color: {LIGHT.text}; font-size: 10pt; }}
h1 {{ font-size: 16pt; font-weight: 600; margin: 0; }}
h2 {{ font-size: 12pt; font-weight: 600; margin-top: 12px; margin-bottom: 4px; }}
.quiet {{ color: {LIGHT.quiet_text}; }}
.small {{ font-size: 8pt; }}
th {{ text-align: left; color: {LIGHT.quiet_text}; font-weight: 600; }}
td, th {{ padding: 2px 10px 2px 0; }}
"""


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def _week(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def _span(first: date, last: date) -> str:
    """ "24–30 Nov", "27 Nov – 3 Dec", "26 Nov" — real dates, never a week number alone."""
    if first == last:
        return _week(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_week(last)}"
    return f"{_week(first)} – {_week(last)}"


def _week_days(data: ReportData, monday: date) -> tuple[date, date]:
    """The days of the report's week starting `monday` that lie in the report's range."""
    return max(monday, data.first), min(monday + timedelta(days=6), data.last)


def _plan_cell(row: AdherenceRow) -> str:
    """ "Release, week 1 (26–28 Nov, so far): 3 of 6" """
    span = _span(row.week_start, row.last_day or row.week_start + timedelta(days=6))
    so_far = ", so far" if row.so_far else ""
    return f"{row.plan_title}, week {row.plan_week} ({span}{so_far}): {row.done} of {row.assigned}"


def _changes_html(data: ReportData) -> str:
    title = "<h2>Before and after sessions (medians)</h2>"
    if not data.changes:
        return title + "<p class='quiet'>No session had both a before and an after rating.</p>"
    rows = [
        (
            row.measure.label,
            str(row.sessions),
            format_number(row.median_before),
            format_number(row.median_after),
            format_change(row.median_change),
        )
        for row in data.changes
    ]
    header = ("Measure", "Sessions", "Before", "After", "Change")
    return title + html_table(header, rows)


def _weeks_html(data: ReportData) -> str:
    """One row per week: sessions, minutes, plan adherence (if any), weekly pain answer."""
    with_plan = any(week.adherence for week in data.weeks)
    pain = {p.start: p.value for p in data.pain}
    header = ["Week", "Completed", "Partial", "Minutes"]
    header += ["Plan: done of assigned"] if with_plan else []
    header += ["Pain with penetration (0–10)"]
    rows = []
    for week in data.weeks:
        span = _span(*_week_days(data, week.start))
        row = [span, str(week.sessions), str(week.partial), str(round(week.minutes))]
        if with_plan:
            row.append("; ".join(_plan_cell(a) for a in week.adherence))
        row.append(_pain_cell(week.start in pain, pain.get(week.start)))
        rows.append(row)
    return "<h2>Week by week</h2>" + html_table(header, rows)


def _pain_cell(answered: bool, value: float | None) -> str:
    if not answered:
        return "–"
    return NOT_ATTEMPTED_TEXT if value is None else format_number(value)


def _notes_html(notes: Sequence[Note]) -> str:
    rows = [
        (
            note.time.strftime("%d %b %Y %H:%M"),
            note.moment + (f", {note.session_title}" if note.session_title else ""),
            note.text,
        )
        for note in notes
    ]
    return "<h2>Notes</h2>" + html_table(("When", "Check-in", "Note"), rows)


def _img(images: dict[str, QImage], name: str, width: int) -> str:
    if name not in images:
        return ""
    image = images[name]
    height = round(width * image.height() / image.width())
    return f"<p><img src='{name}' width='{width}' height='{height}'></p>"


def _band_caption(data: ReportData) -> str:
    if not any(p.value is not None for p in data.pain):
        return ""
    return f"<p class='quiet small'>Shaded on the pain chart: {PAIN_BAND_TEXT}.</p>"


def _chart_images(data: ReportData) -> dict[str, QImage]:
    images: dict[str, QImage] = {}
    # The first real day of each week in the range, as the table's rows say it.
    labels = [_week(max(w.start, data.first)) for w in data.weeks]
    panels = [
        charts.Panel(
            s.measure.label,
            labels,
            (
                charts.Series("before", s.before, LIGHT.hold, "dashed"),
                charts.Series("after", s.after, LIGHT.breath_in),
            ),
            10.0,
        )
        for s in data.series
        if any(v == v for v in (*s.before, *s.after))
    ]
    if panels:
        images["chart:before-after"] = charts.render(panels, columns=len(panels))
    weekly = [_minutes_panel(data, labels)]
    if any(p.value is not None for p in data.pain):
        weekly.append(_pain_panel(data, labels))
    images["chart:weekly"] = charts.render(weekly, columns=2)
    return images


def _minutes_panel(data: ReportData, labels: list[str]) -> charts.Panel:
    minutes = [w.minutes for w in data.weeks]
    series = charts.Series("minutes", minutes, LIGHT.breath_out, "bar")
    return charts.Panel(
        "Minutes practised per week", labels, (series,), charts.nice_max(max(minutes))
    )


def _pain_panel(data: ReportData, labels: list[str]) -> charts.Panel:
    by_week = {p.start: p.value for p in data.pain}
    values = [by_week.get(w.start) for w in data.weeks]
    series = [float("nan") if v is None else v for v in values]
    first = next(v for v in series if v == v)
    band = (meaningful_pain_drop(first), first)
    return charts.Panel(
        "Pain with penetration",
        labels,
        (charts.Series("pain", series, LIGHT.accent),),
        10.0,
        band,
    )
