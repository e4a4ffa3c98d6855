"""Take the lock screen, Settings → Privacy and discreet mode ("Calm") pictures in
docs/screenshots (`make screenshots`).

Not a test (pytest collects only test_*.py): like tests/screenshots.py, the assembled app on
Qt's offscreen platform in a fresh profile, on a fake clock; a passphrase is set through the
passphrase dialog as a person would. Run `privacy_screenshots.py OUT` (100 %, light and dark)
and `… OUT --scale 2` (200 %). An offscreen window has no title bar, so the discreet pictures
draw one above the window from the window's own title and icon: what the desktop would show.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.screenshots import Shooter, shot_run

PASSPHRASE = "quiet harbour lanterns"
SESSION = "pelvic-floor-drop-5"


class PrivacyShooter(Shooter):
    """The lock over a playing session, the privacy settings, and the app as "Calm"."""

    def set_passphrase(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        dialog = self.composition.lock.open_privacy(self.window)
        self.settle()
        QTest.keyClicks(dialog.new, PASSPHRASE)
        QTest.keyClicks(dialog.again, PASSPHRASE)
        QTest.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
        self.settle()
        assert self.composition.app_lock is not None, dialog.message.text()

    def lock(self) -> None:
        lock = self.composition.app_lock
        assert lock is not None
        lock.lock()
        self.settle(300)

    def unlock(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        lock = self.composition.app_lock
        assert lock is not None
        QTest.keyClicks(lock.screen.field, PASSPHRASE)
        QTest.keyClick(lock.screen.field, Qt.Key.Key_Return)
        self.settle(300)
        assert not lock.locked

    def lock_screens(self, suffix: str, themes: tuple[str, ...]) -> None:
        """Locked mid-session (the idle lock, the option on): nothing of the session shows."""
        for theme in themes:
            self.theme(theme)
            self.play(SESSION, 57.5)
            self.lock()
            self.shoot(f"lock-{theme}{suffix}.png")
            self.unlock()
            self.composition.player_page.stop()
            self.settle()

    def privacy_settings(self, suffix: str, themes: tuple[str, ...]) -> None:
        from pfrelax.ui.settings.settings_dialog import SettingsDialog

        self.settings(lock_in_session=True)
        for theme in themes:
            self.theme(theme)
            dialog = self.composition.open_settings()
            assert isinstance(dialog, SettingsDialog)
            self.settle()
            bar = dialog.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())  # Privacy is the last section
            self.shoot(f"settings-privacy-{theme}{suffix}.png", dialog)
            dialog.reject()
            self.settle()

    def discreet(self, suffix: str, themes: tuple[str, ...]) -> None:
        """The window as "Calm" with its neutral icon (at 100 %), and its lock screen."""
        self.settings(discreet_name=True)
        if not suffix:
            self.theme("light")
            self.page("Library")
            self.shoot_with_title("discreet-light.png")
        self.theme(themes[-1])
        self.lock()
        self.shoot_with_title(f"discreet-lock-{themes[-1]}{suffix}.png")
        self.unlock()
        self.settings(discreet_name=False)

    def shoot_with_title(self, name: str) -> None:
        """The window under a title bar drawn from its own title and icon."""
        from PySide6.QtCore import QPoint, QRect, Qt
        from PySide6.QtGui import QFont, QPainter, QPixmap

        self.settle()
        window = self.window
        body = window.grab()
        ratio = body.devicePixelRatio()
        width = round(body.width() / ratio)
        bar_height = max(36, window.fontMetrics().height() * 2)
        picture = QPixmap(round(width * ratio), round((body.height() / ratio + bar_height) * ratio))
        picture.setDevicePixelRatio(ratio)
        palette = window.palette()
        picture.fill(palette.window().color().darker(112))
        painter = QPainter(picture)
        icon_size = bar_height - 12
        window.windowIcon().paint(painter, QRect(10, 6, icon_size, icon_size))
        font = QFont(window.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.windowText().color())
        title = QRect(0, 0, width, bar_height)
        painter.drawText(title, Qt.AlignmentFlag.AlignCenter, window.windowTitle())
        painter.drawPixmap(QPoint(0, bar_height), body)
        painter.end()
        picture.save(str(self.out / name))
        sys.stdout.write(f"wrote {self.out / name}\n")


def main(argv: list[str]) -> int:
    run = shot_run(argv, __file__)
    if isinstance(run, int):
        return run
    shooter = PrivacyShooter(run.out)
    if run.scale == 1:  # at 200 % the window is as it fits the 1280×800 screen
        shooter.window.resize(1280, 800)
    themes, suffix = run.themes, run.suffix
    shooter.set_passphrase()
    shooter.lock_screens(suffix, themes)
    shooter.privacy_settings(suffix, themes)
    shooter.discreet(suffix, themes)
    shooter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
