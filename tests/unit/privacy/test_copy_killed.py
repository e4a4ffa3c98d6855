"""A conversion killed while it writes its daily copy leaves no unnamed copy of the history."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from pfrelax.store.cipher import is_encrypted
from pfrelax.store.convert import tidy_interrupted

from .conftest import fill

# The child turns encryption on; when the daily copy's connection is open (the copy's file is
# made, nothing written yet) it says so and waits to be killed.
CHILD = """
import sys, threading
from pathlib import Path
from pfrelax.store import files
from pfrelax.store.convert import convert
from tests.unit.privacy.convert_until_killed import KEY

made = files.connect_like

def connect_then_wait(source, target):
    copy = made(source, target)
    copy.execute("CREATE TABLE half_written (x)")  # the copy's file holds something
    copy.commit()
    print("copying", flush=True)
    threading.Event().wait()  # until the kill
    return copy

files.connect_like = connect_then_wait
convert(Path(sys.argv[1]), None, KEY)
"""


def test_a_conversion_killed_inside_its_daily_copy_leaves_nothing_unnamed(tmp_path: Path) -> None:
    path = tmp_path / "data" / "pfrelax.sqlite3"
    fill(path, count=3)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[3],
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "copying\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert is_encrypted(path)  # the conversion itself was done; only its tidying was cut
    assert any(each.name.startswith(".pfrelax-") for each in path.parent.iterdir())
    tidy_interrupted(path)
    left = sorted(each.name for each in path.parent.iterdir())
    assert all(name.startswith(path.name) for name in left), left
