"""The real app in a real X window (Xvfb): `pfrelax play`, Space, Esc, a screenshot, Ctrl+Q."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SESSION = "box-4-4-4-4"
STARTUP_TIMEOUT_S = 30.0
STATE_TIMEOUT_S = 15.0


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; the e2e tests need xvfb, xdotool and imagemagick")
    return path


@pytest.fixture
def display() -> Iterator[str]:
    """A private Xvfb at 1280×800. With -displayfd it picks a free display and writes its number
    to our pipe once it accepts connections: that line is the event to wait on."""
    ready_read, ready_write = os.pipe()
    command = [_need("Xvfb"), "-displayfd", str(ready_write), "-nolisten", "tcp"]
    server = subprocess.Popen(
        [*command, "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(ready_write,),
    )
    os.close(ready_write)
    with os.fdopen(ready_read) as ready:
        number = ready.readline().strip()  # "" if Xvfb exited before it was ready
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class App:
    """`pfrelax play` as a child process; its stdout markers arrive on a queue."""

    def __init__(self, display: str, home: Path, log: Path, *args: str) -> None:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "PFRELAX_HOME": str(home),
            # Real time with no sound card: miniaudio's null output (CI has no audio device).
            "PFRELAX_AUDIO": "null",
            "PFRELAX_E2E": "1",
        }
        self.log = log
        with log.open("w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pfrelax.cli", *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def wait_for(self, marker: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                break
            seen.append(line)
            if line.startswith(marker):
                return
        stderr = self.log.read_text()
        pytest.fail(f"no {marker!r} within {timeout} s; saw {seen}; stderr: {stderr}")


def _xdotool(display: str, *args: str) -> str:
    result = subprocess.run(
        [_need("xdotool"), *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=True,
        timeout=20,
    )
    return result.stdout.strip()


def _distinct_colours(display: str, shot: Path) -> int:
    env = {**os.environ, "DISPLAY": display}
    subprocess.run([_need("import"), "-window", "root", str(shot)], env=env, check=True, timeout=30)
    counted = subprocess.run(
        [_need("convert"), str(shot), "-format", "%k", "info:"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return int(counted.stdout.strip())


def test_play_space_pauses_escape_stops_ctrl_q_quits(display: str, tmp_path: Path) -> None:
    app = App(display, tmp_path / "home", tmp_path / "stderr.txt", "play", SESSION)
    try:
        app.wait_for("pfrelax-ready", STARTUP_TIMEOUT_S)
        window = _xdotool(display, "search", "--sync", "--name", "^pfrelax$").splitlines()[0]
        _xdotool(display, "windowfocus", "--sync", window)
        app.wait_for("pfrelax-state playing", STATE_TIMEOUT_S)  # after the 3-2-1 count-in

        _xdotool(display, "key", "space")
        app.wait_for("pfrelax-state paused", STATE_TIMEOUT_S)
        assert _distinct_colours(display, tmp_path / "paused.png") > 100  # not a blank screen

        _xdotool(display, "key", "Escape")
        app.wait_for("pfrelax-state stopped", STATE_TIMEOUT_S)

        _xdotool(display, "key", "ctrl+q")
        assert app.process.wait(timeout=15) == 0
    finally:
        app.close()


def test_pfrelax_opens_the_library_and_ctrl_q_quits(display: str, tmp_path: Path) -> None:
    app = App(display, tmp_path / "home", tmp_path / "stderr.txt")
    try:
        app.wait_for("pfrelax-ready pyqtgraph_loaded=False", STARTUP_TIMEOUT_S)
        window = _xdotool(display, "search", "--sync", "--name", "^pfrelax$").splitlines()[0]
        _xdotool(display, "windowfocus", "--sync", window)
        _xdotool(display, "key", "ctrl+q")
        assert app.process.wait(timeout=15) == 0
    finally:
        app.close()
