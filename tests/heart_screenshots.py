"""Take the heart rate, Today-with-a-plan, pack preview and pattern editor pictures in
docs/screenshots (`make screenshots`).

Not a test (pytest collects only test_*.py): like tests/screenshots.py, the assembled app on
Qt's offscreen platform in a fresh profile with the demo heart source, on a fake clock. Run
`heart_screenshots.py OUT` (100 %, light and dark) and `… OUT --scale 2` (200 %).
"""

from __future__ import annotations

import functools
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.screenshots import Shooter, shot_run

FIGURES_DAYS = 12  # a fortnight of practice with a strap, for the Progress chart
TRACE_SESSION = "pelvic-floor-drop-5"


class HeartShooter(Shooter):
    """The player with the demo strap, the pace finder's result, Progress and Today."""

    def heart_trace(self, suffix: str, themes: tuple[str, ...]) -> None:
        self.settings(heart_source="demo", animation_style="orb", reduced_motion=False)
        for theme in themes:
            self.theme(theme)
            self.play(TRACE_SESSION, 0.0)
            self.play_heart(75.0)
            self.shoot(f"heart-trace-{theme}{suffix}.png")
            self.composition.player_page.stop()
            self.settle()

    def play_heart(self, seconds: float) -> None:
        """The frame timer and the heart timer as they run, on the fake clock."""
        heart = self.composition.player.heart
        assert heart is not None
        for _ in range(int(seconds * 2)):
            self.clock.advance(0.5)
            self.composition.player_page.refresh()
            heart.refresh()
        self.settle(300)

    def pace_result(self, suffix: str, themes: tuple[str, ...]) -> None:
        """The pace finder's result window, from a kept result like the demo person's."""
        from pfrelax import paths
        from pfrelax.core.heart.resonance import CRITERIA, EpochScore, FinderResult
        from pfrelax.services.heart_history import HeartHistory
        from pfrelax.services.my_sessions import MySessions
        from pfrelax.services.pace_finder import PaceFinder
        from pfrelax.ui.progress.pace_result import PaceResultDialog

        db = self.composition.database()
        assert db is not None
        paces = (
            EpochScore(6.5, 6.2, 900.0, 35.0, 24, 1),
            EpochScore(6.0, 8.5, 1400.0, 20.0, 25, 0),
            EpochScore(5.5, 12.0, 2900.0, -2.0, 26, 0),
            EpochScore(5.0, 9.0, 1700.0, -30.0, 27, 0),
            EpochScore(4.5, 7.1, 1200.0, -61.0, 26, 2),
        )
        history = HeartHistory(db)
        kept = history.finder_result(
            history.record_finder_result(FinderResult(paces, dict.fromkeys(CRITERIA, 5.5), 5.5, 3))
        )
        assert kept is not None
        finder = PaceFinder(db, MySessions(paths.my_sessions_dir()))
        for theme in themes:
            self.theme(theme)
            dialog = PaceResultDialog(kept, finder.make_session, self.window)
            dialog.show()
            self.shoot(f"pace-result-{theme}{suffix}.png", dialog)
            dialog.close()
            self.settle()

    def skip_the_after_checkin(self) -> None:
        flow = self.composition.session_flow
        if flow is not None and flow.dialog is not None:
            flow.dialog.reject()
            self.settle()

    def progress_heart(self, suffix: str, themes: tuple[str, ...]) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QScrollArea

        from pfrelax.ui.progress.progress_extras import HEART

        self.keep_a_fortnight_of_heart_figures()
        for theme in themes:
            self.theme(theme)
            self.page("Progress")
            page = self.composition.history_pages.progress_page
            assert page is not None
            page.measure_box.setFocus()
            QTest.keyClick(page.measure_box, Qt.Key.Key_End)  # the heart figures come last
            assert page.measure_box.currentData() == HEART
            if suffix:  # at 200 % the page scrolls: the charts, as one scrolled to them sees them
                area = page.findChild(QScrollArea)
                assert area is not None
                area.ensureWidgetVisible(page.extra_charts, 0, 0)
            self.shoot(f"progress-heart-{theme}{suffix}.png")

    def keep_a_fortnight_of_heart_figures(self) -> None:
        from pfrelax.core.heart.figures import RunFigures
        from pfrelax.services.heart_history import HeartHistory
        from pfrelax.store.runs import Runs
        from pfrelax.store.timecodec import local_now

        db = self.composition.database()
        assert db is not None
        now = local_now()
        for day in range(FIGURES_DAYS):
            started = now - timedelta(days=FIGURES_DAYS - day)
            clock = functools.partial(_at, started)
            run_id = Runs(db, clock).start_run("slow-6", "Slow breathing", length_seconds=600)
            calmer = day / FIGURES_DAYS  # slowly calmer over the fortnight, as practice may do
            figures = RunFigures(
                620, day % 3, 72 - 6 * calmer, 30 + 16 * calmer, 6 + 5 * calmer, 900 + 1300 * calmer
            )
            HeartHistory(db, clock).record_run_figures(run_id, figures)

    def settings_heart(self, suffix: str, themes: tuple[str, ...]) -> None:
        for theme in themes:
            self.theme(theme)
            dialog = self.composition.settings_wiring.open_settings()
            self.settle(300)
            dialog.scroll_area.ensureWidgetVisible(dialog.heart.note)
            self.shoot(f"settings-heart-{theme}{suffix}.png", dialog)
            dialog.reject()
            self.settle()

    def today_take_along(self, suffix: str, themes: tuple[str, ...]) -> None:
        """Today once the PT's plan is started: its sessions, and the two take-along buttons."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QPushButton

        self.page("Today")
        today = self.composition.history_pages.today_page
        assert today is not None
        start = next(b for b in today.findChildren(QPushButton) if b.text() == "Start this plan")
        QTest.mouseClick(start, Qt.MouseButton.LeftButton)
        for theme in themes:
            self.theme(theme)
            self.page("Today")
            self.shoot(f"today-plan-{theme}{suffix}.png")

    def pack_preview_and_pattern_editor(self, suffix: str, themes: tuple[str, ...]) -> None:
        """A pack's preview before it is installed, and the editor of one's own pattern."""
        import tempfile

        from pfrelax.core.my_pattern import PatternDraft
        from pfrelax.formats.pack_build import build_pack
        from pfrelax.services.pack_import import PackImport
        from pfrelax.ui.library.pattern_editor import PatternEditor
        from pfrelax.ui.packs.pack_preview import PackPreviewDialog
        from tests.screenshots import EXAMPLE_PACK

        db = self.composition.database()
        assert db is not None
        imports = PackImport(db)
        built = build_pack(EXAMPLE_PACK, Path(tempfile.mkdtemp()) / "release.pfpack")
        preview = imports.preview(imports.read(built))
        for theme in themes:
            self.theme(theme)
            palette = self.composition.appearance.palette
            dialog = PackPreviewDialog(preview, palette, self.window)
            dialog.show()
            self.shoot(f"pack-preview-{theme}{suffix}.png", dialog)
            dialog.close()
            editor = PatternEditor(PatternDraft(), new=True, parent=self.window)
            editor.show()
            self.shoot(f"pattern-editor-{theme}{suffix}.png", editor)
            editor.close()


def _at(moment: datetime) -> datetime:
    return moment


def main(argv: list[str]) -> int:
    run = shot_run(argv, __file__)
    if isinstance(run, int):
        return run
    shooter = HeartShooter(run.out)
    if run.scale == 1:  # at 200 % the window is as it fits the 1280×800 screen
        shooter.window.resize(1280, 800)
    themes, suffix = run.themes, run.suffix
    shooter.today_take_along(suffix, themes)
    shooter.progress_heart(suffix, themes)  # before the runs below add today's points
    shooter.heart_trace(suffix, themes)
    shooter.pace_result(suffix, themes)
    shooter.settings_heart(suffix, themes)
    shooter.pack_preview_and_pattern_editor(suffix, themes)
    shooter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
