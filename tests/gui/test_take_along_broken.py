"""Take it with you when the export itself breaks (our bug, not the person's folder): the
progress box closes, the button comes back, nothing is left in the folder, and the bug goes to
the app's error report instead of leaving a progress box open for ever."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pfrelax.app import Composition
from pfrelax.services.take_along_audio import export_plan
from pfrelax.ui.today import take_along_buttons

from .test_take_along_buttons import answer, buttons, click, started

__all__ = ["started"]  # the fixture, used by name

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_a_bug_in_the_export_closes_the_progress_and_is_reported(
    qtbot: QtBot, started: Composition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    answer(monkeypatch, times="08:30", getExistingDirectory=lambda *_a, **_k: str(folder))
    real_export = export_plan

    def export_then_break(*args: Any, **kwargs: Any) -> Any:
        told = kwargs["progress"]

        def progress(done: int, count: int, part: float) -> None:
            told(done, count, part)
            raise ZeroDivisionError("a bug mid-render")

        return real_export(*args, **{**kwargs, "progress": progress})

    monkeypatch.setattr(take_along_buttons, "export_plan", export_then_break)
    take_along = buttons(qtbot, started)
    with qtbot.captureExceptions() as raised:
        click(qtbot, take_along.audio_button)
        qtbot.waitUntil(lambda: take_along.progress is None, timeout=30_000)
    assert [type(error) for _kind, error, _trace in raised] == [ZeroDivisionError]
    assert take_along.audio_button.isEnabled()
    assert take_along.message.text() == (
        "Nothing was written: something went wrong inside pfrelax."
    )
    assert list(folder.iterdir()) == []
