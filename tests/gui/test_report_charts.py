"""The report's hand-painted charts keep every label whole on the page."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from pfrelax.ui.progress import report_charts as charts

WEEKS = ["7 Sep", "14 Sep", "21 Sep", "28 Sep", "5 Oct", "12 Oct", "19 Oct", "26 Oct"]
WEEKS += ["2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov"]


def panel(title: str) -> charts.Panel:
    values = [float("nan")] * (len(WEEKS) - 2) + [4.0, 4.0]
    series = (
        charts.Series("before", values, "#8A6D3B", "dashed"),
        charts.Series("after", values, "#2E8B7A"),
    )
    return charts.Panel(title, WEEKS, series, 10.0)


def test_the_last_week_label_of_the_rightmost_chart_is_not_cut(qtbot: QtBot) -> None:
    """Regression: the mood chart's "30 Nov" was clipped to "30 No" at the image's edge."""
    image = charts.render([panel("Distress"), panel("Tension"), panel("Mood")], columns=3)
    white = QColor("#FFFFFF").rgb()
    label_band = range(charts.PANEL_HEIGHT - 60, charts.PANEL_HEIGHT)
    edge = range(image.width() - 6, image.width())
    assert all(image.pixel(x, y) == white for x in edge for y in label_band)
    inked = [
        x
        for x in range(image.width() - 120, image.width())
        for y in label_band
        if image.pixel(x, y) != white
    ]
    assert inked  # the label is drawn, just inside the edge
