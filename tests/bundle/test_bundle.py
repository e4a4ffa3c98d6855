"""The self-contained app from its archive, in a fresh folder: no .venv, no checkout, no Python.

Builds the archive first when the sources changed (bundle/build.py keeps a hash), so these run
with `make bundle-test` (and in CI), not with `make test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .installkit import ROOT, build_script, clean_env, run, snapshot

pytestmark = pytest.mark.bundle

READY_MARKER = "pfrelax-ready"
FIRST_PAINT_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def archive() -> Path:
    done = subprocess.run([sys.executable, str(ROOT / "bundle/build.py")], check=False)
    assert done.returncode == 0, "bundle/build.py failed or the bundle is over budget"
    return Path(build_script().archive_path())


@pytest.fixture(scope="module")
def unpacked(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    into = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="tar")
    (top,) = into.iterdir()
    return top


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def program(unpacked: Path) -> str:
    return str(unpacked / "app" / "pfrelax")


def test_the_archive_and_the_app_are_within_budget(archive: Path, unpacked: Path) -> None:
    unpacked_bytes = sum(
        p.stat().st_size for p in unpacked.rglob("*") if p.is_file() and not p.is_symlink()
    )
    assert archive.stat().st_size <= 90 * 1024 * 1024
    assert unpacked_bytes <= 200 * 1024 * 1024
    assert sorted(p.name for p in unpacked.iterdir()) == [
        "README.txt", "app", "icons", "install.sh", "uninstall.sh",
    ]  # fmt: skip


def test_version_runs_with_no_python_in_sight(unpacked: Path, home: Path) -> None:
    done = run([program(unpacked), "--version"], clean_env(home), cwd=home)
    assert done.returncode == 0, done.stderr
    from pfrelax import __version__

    assert done.stdout == f"pfrelax {__version__}\n"


def test_sessions_json_lists_the_built_in_library(unpacked: Path, home: Path) -> None:
    env = clean_env(home, PFRELAX_HOME=str(home / "data"))
    done = run([program(unpacked), "sessions", "--json"], env, cwd=home)
    assert done.returncode == 0, done.stderr
    sessions = json.loads(done.stdout)
    expected = sorted(p.stem for p in (ROOT / "sessions").glob("*.toml"))
    assert sorted(s["id"] for s in sessions) == expected
    assert all(s["duration"] > 0 for s in sessions)


def test_a_calendar_and_validation_work_from_the_bundle(unpacked: Path, home: Path) -> None:
    env = clean_env(home, PFRELAX_HOME=str(home / "data"))
    pack = home / "release.pfpack"
    example = ROOT / "examples" / "riverside-release"
    steps = [
        ["pack", "build", str(example), "-o", str(pack)],
        ["pack", "install", str(pack)],
        ["calendar", "--ics", str(home / "calm.ics"), "--zone", "Europe/Berlin"],
    ]
    for argv in steps:
        done = run([program(unpacked), *argv], env, cwd=home)
        assert done.returncode == 0, f"{argv}: {done.stderr}"
    assert (home / "calm.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.fixture
def display() -> Iterator[str]:
    """A private Xvfb; -displayfd writes its number once it accepts connections."""
    ready_read, ready_write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(ready_write), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(ready_write,),
    )
    os.close(ready_write)
    with os.fdopen(ready_read) as ready:
        number = ready.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start; install the xvfb package")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_window_paints_from_the_bundle(unpacked: Path, home: Path, display: str) -> None:
    env = clean_env(
        home,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        PFRELAX_HOME=str(home / "data"),
        PFRELAX_BENCH_STARTUP="1",  # print the marker after the first paint, then quit
    )
    done = subprocess.run(
        [program(unpacked)],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=FIRST_PAINT_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(READY_MARKER), done.stderr
    assert "pyqtgraph_loaded=False" in done.stdout


def test_install_and_uninstall_the_real_bundle(unpacked: Path, home: Path) -> None:
    env = clean_env(home)
    assert run([str(unpacked / "install.sh")], env, cwd=unpacked).returncode == 0
    launched = run([str(home / ".local/bin/pfrelax"), "sessions"], env, cwd=home)
    assert launched.returncode == 0, launched.stderr
    data = {str(p.relative_to(home)) for p in home.rglob("*") if "pfrelax-app" not in str(p)}
    assert any(name.startswith(".local/share/pfrelax") for name in data)  # the app made its data
    uninstall = home / ".local/share/pfrelax-app/uninstall.sh"
    assert run([str(uninstall)], env, cwd=home).returncode == 0
    left = snapshot(home)
    outside = {
        name
        for name in left
        if not name.startswith((".local/share/pfrelax/", ".config/pfrelax", ".cache/pfrelax"))
    }
    # Only the data folders and the folders above them are left.
    assert outside <= {".local", ".local/share", ".local/share/pfrelax", ".config", ".cache"}
