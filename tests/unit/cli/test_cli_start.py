"""`pfrelax` with no command opens the window without importing every command's modules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pfrelax import __version__
from pfrelax.cli import names_a_command

# Run in a fresh interpreter: this test process has long imported the commands.
PROBE = """
import sys
from pfrelax import cli
try:
    cli.main(["--version"])
except SystemExit as done:
    assert done.code == 0
print(sorted(n for n in ("numpy", "pfrelax.commands.library", "pfrelax.store.importer")
             if n in sys.modules))
"""


def test_the_version_is_told_without_importing_the_commands_or_numpy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    version, loaded = result.stdout.splitlines()
    assert version == f"pfrelax {__version__}"
    assert loaded == "[]"


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], False),
        (["--debug"], False),
        (["--version"], False),
        (["sessions"], True),
        (["--debug", "timeline", "x"], True),
        (["--help"], True),
        (["-h"], True),
    ],
)
def test_a_command_word_or_help_needs_the_whole_parser(argv: list[str], command: bool) -> None:
    assert names_a_command(argv) is command
