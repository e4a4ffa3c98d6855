"""The composition root stays a short shell: its parts live in pfrelax/shell, one job each."""

from __future__ import annotations

from pathlib import Path

import pfrelax

PACKAGE = Path(pfrelax.__file__).parent


def lines_of(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_app_py_is_under_200_lines() -> None:
    assert lines_of(PACKAGE / "app.py") < 200


def test_each_shell_part_is_a_small_module() -> None:
    parts = sorted((PACKAGE / "shell").glob("*.py"))
    assert len(parts) > 1
    too_long = {part.name: lines_of(part) for part in parts if lines_of(part) > 200}
    assert too_long == {}
