"""GUI test fixtures: a private PFRELAX_HOME, a fake clock, test sessions, and a timer watchdog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractAnimation, QObject, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.audio.backends import OfflineBackend, Opened
from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Prompts, RestStep, Session, SpeakStep
from pfrelax.core.settings import Settings
from pfrelax.services.narration import NarrationRecorder
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.services.sound import OpenOutput, Sound
from pfrelax.services.sound_jobs import InlineJobs, Jobs
from pfrelax.store.db import Database, open_database
from pfrelax.ui.common.theme import DARK, LIGHT, Palette, apply_theme, set_control_palette
from pfrelax.ui.player.frame_driver import running_drivers
from pfrelax.ui.player.player_audio import PlayerAudio
from pfrelax.ui.player.player_page import PlayerPage

from .fake_microphone import fake_recorder

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Qt's offscreen platform warns "This plugin does not support propagateSizeHints()" whenever
    # a top-level window gets a size constraint (every window with a layout). It is a note about
    # the test platform, not about our widgets, so it must not fail GUI tests.
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


def _everything(app: QApplication) -> list[QObject]:
    roots: list[QObject] = [app, *app.allWidgets()]
    found: list[QObject] = []
    for root in roots:
        found.append(root)
        found.extend(root.findChildren(QObject))
    return found


def _still_running(app: QApplication) -> list[str]:
    running = []
    for obj in _everything(app):
        if isinstance(obj, QTimer) and obj.isActive():
            running.append(f"QTimer {obj.objectName() or obj!r} of {obj.parent()!r}")
        elif (
            isinstance(obj, QAbstractAnimation) and obj.state() == QAbstractAnimation.State.Running
        ):
            running.append(f"animation {obj!r} of {obj.parent()!r}")
    running.extend(f"frame driver {driver!r}" for driver in running_drivers())
    return running


@pytest.fixture(autouse=True)
def no_timer_left_running(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a timer or animation running once its widgets are closed.

    pytest-qt closes the widgets registered with qtbot before fixtures are torn down, so this
    checks the state a person leaves behind when they close the window.
    """
    yield
    running = _still_running(qapp)
    if running:
        pytest.fail("still running after the test: " + "; ".join(sorted(set(running))))


@pytest.fixture(autouse=True)
def own_desktop_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Discreet mode renames the installed menu entry: never the one of the person running the
    tests (their ~/.local/share/applications)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(autouse=True)
def null_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    """No GUI test needs a sound card: miniaudio's null output plays in real time without one."""
    monkeypatch.setenv("PFRELAX_AUDIO", "null")


@pytest.fixture
def microphone() -> NarrationRecorder:
    """The narration recorder the studio tests record with: a fake take, the null output."""
    return fake_recorder()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("PFRELAX_HOME", str(folder))
    return folder


@pytest.fixture
def db(home: Path) -> Iterator[Database]:
    """The history database in a fresh data folder, closed afterwards."""
    database = open_database(paths.database_path())
    yield database
    database.close()


@pytest.fixture(params=[LIGHT, DARK], ids=["light", "dark"])
def themed(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[Palette]:
    """The app themed as it runs (palette and stylesheet), put back afterwards."""
    chosen: Palette = request.param
    original_palette, original_sheet = qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, chosen)
    yield chosen
    qapp.setPalette(original_palette)
    set_control_palette(original_palette)  # apply_theme gave some controls their own
    qapp.setStyleSheet(original_sheet)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


EVERY_KIND_PATTERN = Pattern(
    inhale_ms=2000, top_up_ms=1000, hold_in_ms=1000, exhale_ms=3000, hold_out_ms=1000
)


def every_kind_session() -> Session:
    """Speak 0–4 s; two breaths of 8 s (inhale, top-up, hold, exhale, hold); rest 20–23 s."""
    return Session(
        id="every-kind",
        title="Every kind of step",
        summary="Narration, paced breathing with holds and a top-up, and a quiet rest.",
        tags=("holds", "test"),
        source="Written for the tests.",
        safety="This session includes breath holds. Keep them soft.",
        steps=(
            SpeakStep("Welcome", "Hello. Settle in. You can stop at any time.", seconds_ms=4000),
            BreatheStep(
                "Soft breaths",
                EVERY_KIND_PATTERN,
                cycles=2,
                prompts=Prompts(
                    inhale="Let the pelvic floor soften",
                    top_up="A small sip",
                    hold="Stay soft",
                    exhale="Let it float back",
                ),
            ),
            RestStep("Breathe freely", 3000, "Nothing to do, nothing to change."),
        ),
    )


def calm_session() -> Session:
    return Session(
        id="calm-4-6",
        title="Calm belly breathing",
        summary="Slow breaths in for four and out for six.",
        tags=("breathing", "short"),
        steps=(BreatheStep("Breathe 4-6", Pattern(inhale_ms=4000, exhale_ms=6000), cycles=3),),
    )


@pytest.fixture
def sessions() -> list[Session]:
    return [calm_session(), every_kind_session()]


def offline_output(_preference: str) -> Opened:
    """The offline output: no device, no thread; time moves only as a test pulls frames."""
    return Opened(OfflineBackend())


def no_output(_preference: str) -> Opened:
    """For a whole app on a fake clock: an output keeps its own time, which it cannot move."""
    return Opened(None, "this test runs on a fake clock")


def with_sound(
    page: PlayerPage,
    settings: Settings,
    open_output: OpenOutput = offline_output,
    *,
    jobs: Jobs | None = None,
    environ: dict[str, str] | None = None,
) -> PlayerAudio:
    """Sound for `page`'s playback (no speech engine: no TTS, so it is ready sooner); `settings`
    become the page's preferences first, as if the person had chosen them."""
    page.preferences.set(settings)
    sound = Sound(
        page.playback,
        settings,
        open_output=open_output,
        find_speech=lambda: None,
        jobs=jobs or InlineJobs(),
        environ=environ,
    )
    audio = PlayerAudio(sound, page.playback, page.preferences, page)
    page.attach_sound(audio)
    return audio


@pytest.fixture
def preferences(home: Path) -> Preferences:
    """The preferences, defaults at first, saved in the settings file under `home`."""
    return Preferences.open(paths.settings_path())


@pytest.fixture
def player(qtbot: QtBot, clock: FakeClock, preferences: Preferences) -> PlayerPage:
    page = PlayerPage(Playback(clock), preferences)
    page.set_palette(LIGHT)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page
