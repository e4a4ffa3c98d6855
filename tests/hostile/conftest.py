"""Shared fixtures for the hostile-input suite: a throwaway PFRELAX_HOME, byte snapshots of a
folder, and the real `pfrelax` command in a subprocess (exit status, no traceback).

Every test builds its own hostile input; nothing large is stored in the repository.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

# Root ignores permission bits; to see a read-only folder as a person does, the command runs
# with the capabilities that override them dropped (setpriv is in util-linux, on every Linux).
_DROP_OVERRIDE = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
    "--inh-caps=-dac_override,-dac_read_search,-fowner",
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PFRELAX_HOME for this test (not created yet), set for in-process calls too."""
    folder = tmp_path / "home"
    monkeypatch.setenv("PFRELAX_HOME", str(folder))
    return folder


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run_cli(
    args: Sequence[str], home: Path, *, cwd: Path | None = None, read_only: bool = False
) -> Ran:
    """`pfrelax ARGS` in a subprocess with PFRELAX_HOME=`home`. `read_only`: as a person who
    cannot write where the permission bits say so, even when the tests run as root."""
    return run_python(["-m", "pfrelax.cli", *args], home, cwd=cwd, read_only=read_only)


def run_python(
    args: Sequence[str], home: Path, *, cwd: Path | None = None, read_only: bool = False
) -> Ran:
    """`python ARGS` in a subprocess, as run_cli does it; asserts no traceback."""
    command = [sys.executable, *args]
    if read_only and os.geteuid() == 0:
        assert shutil.which("setpriv"), "setpriv (util-linux) is needed to drop root's override"
        command = [*_DROP_OVERRIDE, *command]
    env = {**os.environ, "PFRELAX_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return Ran(done.returncode, done.stdout, done.stderr)


def refused(args: Sequence[str], home: Path, **options: object) -> str:
    """Run `pfrelax ARGS`, expect exit status 1 and no traceback; returns stderr."""
    ran = run_cli(args, home, **options)  # type: ignore[arg-type]
    assert ran.code == 1, f"exit {ran.code}: {ran.err or ran.out}"
    return ran.err


@contextmanager
def make_read_only(folder: Path) -> Iterator[None]:
    """Make `folder` and everything in it read-only for the `with` block (see run_cli)."""
    paths = [folder, *folder.rglob("*")]
    modes = {path: stat.S_IMODE(path.lstat().st_mode) for path in paths}
    for path in paths:
        path.chmod(modes[path] & ~0o222)
    try:
        yield
    finally:
        for path in reversed(paths):
            path.chmod(modes[path])
