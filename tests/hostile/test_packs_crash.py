"""A crash at any moment of an install, upgrade or removal leaves, after the next start, the old
pack or the new one, complete, and no staging folder (issue 10: 1).

Two ways: a process stopped dead (os._exit, no clean-up) right after each filesystem step, named
by the fault hook in pack_swap; and 20 real `kill -9`s of a `pfrelax pack` process at random
moments. Either way the next start (`recover_packs`) must finish the job or leave the old pack.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pfrelax.formats import pack_swap
from tests.pack_service import install_pack, recover_packs, remove_pack

from .pack_builders import (
    PACK_ID,
    installed_state,
    leftovers,
    make_home,
    pack_files,
    tone,
    write_pack,
)

Operation = Callable[[], object]


def a_pack(folder: Path, version: str) -> Path:
    """A pack with a few seconds of narration, so that an install takes a moment."""
    files = {**pack_files(version=version), "audio/welcome.wav": tone("WAV", "PCM_16", 3.0)}
    return write_pack(folder / f"pack-{version}.pfpack", files)


def steps_of(operation: Operation) -> list[str]:
    """The names of the steps `operation` passes through, in order (it is carried out)."""
    seen: list[str] = []
    pack_swap.fault_hook = seen.append
    try:
        operation()
    finally:
        pack_swap.fault_hook = None
    return seen


def crash_after(step_index: int, operation: Operation) -> None:
    """Run `operation` in a child process that dies, without any clean-up, right after its
    `step_index`-th step — as a power cut would leave it."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            counter = iter(range(10_000))

            def die(_name: str) -> None:
                if next(counter) == step_index:
                    os._exit(0)

            pack_swap.fault_hook = die
            operation()
        finally:
            os._exit(code)  # reaching here means the step was never reached: a failure
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, f"step {step_index} was never reached"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_home(tmp_path, monkeypatch)


SCENARIOS = ["install", "upgrade", "remove"]


def _prepare(scenario: str, tmp_path: Path) -> tuple[Operation, str, str]:
    """The operation, the state before it, and the state after it."""
    old, new = a_pack(tmp_path, "1.0.0"), a_pack(tmp_path, "2.0.0")
    if scenario == "install":
        return (lambda: install_pack(old)), "absent", "1.0.0"
    install_pack(old)
    if scenario == "upgrade":
        return (lambda: install_pack(new)), "1.0.0", "2.0.0"
    return (lambda: remove_pack(PACK_ID)), "1.0.0", "absent"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_crash_after_any_step_leaves_the_old_or_the_new_pack_after_the_next_start(
    home: Path, tmp_path: Path, scenario: str
) -> None:
    operation, before, after = _prepare(scenario, tmp_path)
    # A dry run in a child that never crashes tells which steps there are.
    names: list[str] = []
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            os.write(write, "\n".join(steps_of(operation)).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        names = pipe.read().split("\n")
    os.waitpid(pid, 0)
    _reset(scenario, tmp_path, before)
    assert names[-1] == "old-removed"
    committed = names.index("intent-recorded")
    for index, name in enumerate(names):
        crash_after(index, operation)
        recover_packs()  # the next start
        state = installed_state()
        expected = before if index < committed else after
        assert (name, state, leftovers()) == (name, expected, []), f"crash after {name}"
        _reset(scenario, tmp_path, before)


def _reset(scenario: str, tmp_path: Path, before: str) -> None:
    """Back to the state before the operation, for the next crash."""
    if installed_state() == before:
        return
    if before == "absent":
        remove_pack(PACK_ID)
    else:
        install_pack(tmp_path / f"pack-{before}.pfpack", allow_downgrade=True)
    assert installed_state() == before


def test_an_error_before_the_registry_changes_is_rolled_back_at_once(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_pack(a_pack(tmp_path, "1.0.0"))

    def disk_full(name: str) -> None:
        if name == "new-in-place":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(pack_swap, "fault_hook", disk_full)
    with pytest.raises(OSError, match="No space left"):
        install_pack(a_pack(tmp_path, "2.0.0"))
    assert (installed_state(), leftovers()) == ("1.0.0", [])


def test_a_folder_set_aside_by_an_older_pfrelax_is_put_back_not_swept(
    home: Path, tmp_path: Path
) -> None:
    # The bug of issue 10 item 1: killed between the two renames, the registry listed the pack
    # and its only copy sat in .old-*, which the next install deleted.
    install_pack(a_pack(tmp_path, "1.0.0"))
    packs = home / "data" / "packs"
    (packs / PACK_ID).rename(packs / f".old-{PACK_ID}-123456789")
    recover_packs()
    assert (installed_state(), leftovers()) == ("1.0.0", [])


def test_leftover_staging_folders_are_swept_at_start(home: Path, tmp_path: Path) -> None:
    install_pack(a_pack(tmp_path, "1.0.0"))
    packs = home / "data" / "packs"
    (packs / ".staging-killed").mkdir()
    (packs / ".staging-killed" / "audio.wav").write_bytes(b"x" * 1000)
    recover_packs()
    assert (installed_state(), leftovers()) == ("1.0.0", [])


# -- real kill -9 at random moments --------------------------------------------------------------
# A helper process loads pfrelax once, then forks one `pfrelax pack` worker per operation (a
# fresh interpreter for each of 20 kills would spend most of its time importing). The worker is
# killed with SIGKILL at a random moment; the helper reaps it only when told, so its pid is
# never reused before the kill.
FORKER = """
import os, sys
from pathlib import Path
import pfrelax.audio.probe  # loaded before the clock starts, as in the measured span
from tests.pack_service import install_pack, remove_pack
for line in sys.stdin:
    action, _, argument = line.strip().partition(" ")
    if action == "reap":
        _, status = os.waitpid(int(argument), 0)
        print("reaped", flush=True)
        continue
    pid = os.fork()
    if pid == 0:
        if action == "remove":
            remove_pack(argument)
        else:
            install_pack(Path(argument), allow_downgrade=True)
        os._exit(0)
    print(pid, flush=True)
"""


class Forker:
    def __init__(self) -> None:
        environment = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def kill_at(self, delay: float, command: str) -> None:
        pid = int(self.ask(command))
        time.sleep(delay)  # the random moment of the kill itself, not a wait for anything
        os.kill(pid, signal.SIGKILL)  # a zombie at worst until reaped: never another process
        assert self.ask(f"reap {pid}") == "reaped"

    def close(self) -> None:
        self.process.communicate("")


def test_twenty_kill_9s_at_random_moments_leave_a_complete_old_or_new_pack(
    home: Path, tmp_path: Path
) -> None:
    packs = {version: a_pack(tmp_path, version) for version in ("1.0.0", "2.0.0")}
    started = time.monotonic()
    install_pack(packs["1.0.0"])
    remove_pack(PACK_ID)
    span = time.monotonic() - started  # about how long an install and a removal take here
    chance = random.Random(20261120)  # the same moments every run
    forker = Forker()
    try:
        for _ in range(20):
            state = installed_state()
            if state == "absent":
                target, command = "1.0.0", f"install {packs['1.0.0']}"
            elif chance.random() < 0.3:
                target, command = "absent", f"remove {PACK_ID}"
            else:
                target = "2.0.0" if state == "1.0.0" else "1.0.0"
                command = f"install {packs[target]}"
            forker.kill_at(chance.uniform(0, span), command)
            recover_packs()  # the next start
            assert (installed_state() in (state, target), leftovers()) == (True, [])
    finally:
        forker.close()
