"""Opening a window where there is no display (an ssh login, a text console) is said in words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pfrelax.launch import NO_DISPLAY

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland")


@pytest.mark.parametrize("argv", [[], ["play", "coherent-5-5"], ["studio"]])
def test_a_window_without_a_display_is_refused_in_words(home: Path, argv: list[str]) -> None:
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    env = {key: value for key, value in os.environ.items() if key not in hidden}
    env["PFRELAX_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-m", "pfrelax.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == f"pfrelax: {NO_DISPLAY}\n"
