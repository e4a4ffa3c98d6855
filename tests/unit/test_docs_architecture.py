"""docs/architecture.md names only modules that exist: its picture of the layers and every
dotted or path reference (`services.catalog.timeline`, `pfrelax/shell/`) still points at code."""

from __future__ import annotations

import re
from pathlib import Path

import pfrelax

PACKAGE = Path(pfrelax.__file__).parent
DOC = PACKAGE.parent / "docs" / "architecture.md"
LAYERS = "core|formats|audio|services|store|ui|sensors|desktop|shell|commands"
# `ui.player.breath_pace`, `pfrelax.services.catalog`, `pfrelax/shell/`, `services.sound → …`
DOTTED = re.compile(rf"(?<![\w./])(?:pfrelax[./])?(?:{LAYERS})[./][A-Za-z_][\w./]*")


def module_exists(parts: list[str]) -> bool:
    """True when `parts` (after pfrelax) start with a module: the rest are names inside it."""
    for end in range(len(parts), 0, -1):
        path = PACKAGE.joinpath(*parts[:end])
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            return end >= 2 or len(parts) == 1  # a layer alone, or a module inside it
    return False


def missing_references(text: str) -> list[str]:
    missing = []
    for found in DOTTED.findall(text):
        reference = found.rstrip("./").removeprefix("pfrelax.").removeprefix("pfrelax/")
        parts = re.split(r"[./]", reference)
        if parts[-1] == "py":
            parts = parts[:-1]
        if not module_exists(parts):
            missing.append(found)
    return sorted(set(missing))


def picture(text: str) -> str:
    start = text.index("```", text.index("## Layers"))
    return text[start : text.index("```", start + 3)]


def test_every_module_the_document_names_exists() -> None:
    assert missing_references(DOC.read_text(encoding="utf-8")) == []


def test_the_check_catches_a_module_that_moved() -> None:
    assert missing_references("`ui.bridge` and `ui.common.bridge.QtJobs`") == ["ui.bridge"]
    assert missing_references("`pfrelax/shell/nowhere.py`, `services.nothing`") == [
        "pfrelax/shell/nowhere.py",
        "services.nothing",
    ]


def test_the_picture_names_each_shell_part_and_ui_group_that_exists() -> None:
    drawn = picture(DOC.read_text(encoding="utf-8"))
    shell = {path.stem for path in (PACKAGE / "shell").glob("*.py")} - {"__init__"}
    groups = {path.name for path in (PACKAGE / "ui").iterdir() if (path / "__init__.py").is_file()}
    assert {part for part in shell if part not in drawn} == set()
    assert {group for group in groups if f"{group}/" not in drawn} == set()
    named = set(re.findall(r"\b[a-z_]+\b", drawn.split("services  ")[1].split("├")[0]))
    services = {path.stem for path in (PACKAGE / "services").glob("*.py")}
    assert named - {"use", "cases", "qt", "free"} <= services
