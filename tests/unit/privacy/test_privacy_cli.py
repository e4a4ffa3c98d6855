"""`pfrelax privacy` and the history commands with a passphrase: asked on the terminal with no
echo, or read from --passphrase-fd; never taken from an argument or the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pfrelax.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from pfrelax.paths import database_path
from pfrelax.store.cipher import is_encrypted

from .conftest import KNOWN_WORDS, fill

PASSPHRASE = "quiet harbour lanterns"
REPO = Path(__file__).parents[3]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    fill(database_path())
    return tmp_path


def fd_with(*lines: str) -> int:
    """A pipe's read end holding `lines`, as a script would pass with --passphrase-fd."""
    read, write = os.pipe()
    os.write(write, "".join(f"{line}\n" for line in lines).encode())
    os.close(write)
    return read


@pytest.fixture
def fds() -> Iterator[list[int]]:
    opened: list[int] = []
    yield opened
    for fd in opened:
        os.close(fd)


def run_with(fds: list[int], *argv: str, lines: tuple[str, ...]) -> int:
    fd = fd_with(*lines)
    fds.append(fd)
    return main([*argv, "--passphrase-fd", str(fd)])


def test_status_says_only_whether_it_is_encrypted_and_locked(
    home: Path, fds: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["privacy", "status"]) == EXIT_OK
    assert capsys.readouterr().out == "encrypted: no\nlock: off\n"
    assert run_with(fds, "privacy", "set-passphrase", lines=(PASSPHRASE,)) == EXIT_OK
    captured = capsys.readouterr()
    assert "cannot be recovered" in captured.err
    assert captured.out == "Your history is encrypted.\n"
    assert main(["privacy", "status"]) == EXIT_OK
    assert capsys.readouterr().out == "encrypted: yes\nlock: on\n"


def test_history_commands_read_the_passphrase_from_the_descriptor(
    home: Path, fds: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_with(fds, "privacy", "set-passphrase", lines=(PASSPHRASE,)) == EXIT_OK
    out = home / "out.json"
    assert run_with(fds, "export", "--json", str(out), lines=("wrong passphrase",)) == 1
    assert "does not open" in capsys.readouterr().err
    assert run_with(fds, "export", "--json", str(out), lines=(PASSPHRASE,)) == EXIT_OK
    assert KNOWN_WORDS[0] in out.read_text(encoding="utf-8")
    assert run_with(fds, "import", "--json", str(out), lines=(PASSPHRASE,)) == EXIT_OK
    assert "5 already there" in capsys.readouterr().out


def test_change_and_remove_need_the_current_passphrase(
    home: Path, fds: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_with(fds, "privacy", "set-passphrase", lines=(PASSPHRASE,)) == EXIT_OK
    new = "another good phrase"
    assert run_with(fds, "privacy", "change-passphrase", lines=("not it", new)) == EXIT_INVALID
    assert run_with(fds, "privacy", "change-passphrase", lines=(PASSPHRASE, new)) == EXIT_OK
    assert run_with(fds, "privacy", "remove-passphrase", lines=(PASSPHRASE,)) == EXIT_INVALID
    assert is_encrypted(database_path())
    assert run_with(fds, "privacy", "remove-passphrase", lines=(new,)) == EXIT_OK
    assert not is_encrypted(database_path())
    assert capsys.readouterr().out.endswith("Your history is no longer encrypted.\n")


def test_a_passphrase_is_never_taken_from_an_argument(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["privacy", "set-passphrase", "--passphrase", PASSPHRASE])
    assert stopped.value.code == EXIT_USAGE
    assert not is_encrypted(database_path())


def child(home: Path, *argv: str, **options: object) -> subprocess.Popen[bytes]:
    """pfrelax in a new session: no controlling terminal unless the child takes one. A
    passphrase in the environment is there to show it is not read."""
    env = {**os.environ, "PFRELAX_HOME": str(home / "home"), "PFRELAX_PASSPHRASE": PASSPHRASE}
    started: subprocess.Popen[bytes] = subprocess.Popen(
        [sys.executable, *argv],
        env=env,
        cwd=REPO,
        start_new_session=True,
        **options,  # type: ignore[call-overload]
    )
    return started


def test_with_no_terminal_a_history_command_refuses_clearly(home: Path, fds: list[int]) -> None:
    assert run_with(fds, "privacy", "set-passphrase", lines=(PASSPHRASE,)) == EXIT_OK
    process = child(
        home,
        "-m",
        "pfrelax.cli",
        "export",
        "--json",
        str(home / "out.json"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _out, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_INVALID
    assert b"no terminal to ask for the passphrase on" in err
    assert b"Traceback" not in err
    assert not (home / "out.json").exists()


def test_with_no_terminal_setting_a_passphrase_does_not_claim_one_is_set(home: Path) -> None:
    process = child(
        home,
        "-m",
        "pfrelax.cli",
        "privacy",
        "set-passphrase",
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _out, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_INVALID
    assert b"no terminal to ask for the passphrase on" in err
    assert b"is protected by a passphrase" not in err


TAKE_TERMINAL = (
    "import fcntl, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "from pfrelax.cli import main; sys.exit(main(sys.argv[1:]))"
)


def test_in_a_terminal_the_passphrase_is_asked_without_echo(home: Path, fds: list[int]) -> None:
    assert run_with(fds, "privacy", "set-passphrase", lines=(PASSPHRASE,)) == EXIT_OK
    main_end, terminal = os.openpty()
    process = child(
        home,
        "-c",
        TAKE_TERMINAL,
        "export",
        "--json",
        str(home / "out.json"),
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    seen = _read_until(main_end, b"Passphrase: ")
    os.write(main_end, PASSPHRASE.encode() + b"\n")
    seen += _read_until(main_end, b"session runs to")
    assert process.wait(timeout=60) == EXIT_OK
    os.close(main_end)
    assert PASSPHRASE.encode() not in seen
    assert (home / "out.json").is_file()


def _read_until(fd: int, marker: bytes) -> bytes:
    seen = b""
    while marker not in seen:
        chunk = os.read(fd, 1024)
        assert chunk, seen
        seen += chunk
    return seen
