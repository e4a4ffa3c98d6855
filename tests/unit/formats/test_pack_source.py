"""The studio's pack source: hand-written TOML keeps its comments and layout through an edit, and
a pack saved from it is byte for byte what `pfrelax pack build` makes of the saved folder."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from pfrelax.formats.pack_build import build_pack
from pfrelax.formats.pack_source import check, open_pack_source, save_folder, save_pack
from pfrelax.formats.problems import PackError

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "riverside-release"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "riverside"
    shutil.copytree(EXAMPLE, copy)
    return copy


def changed_lines(before: Path, after: Path) -> list[str]:
    diff = difflib.unified_diff(
        before.read_text(encoding="utf-8").splitlines(),
        after.read_text(encoding="utf-8").splitlines(),
        lineterm="",
        n=0,
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_changing_one_title_changes_exactly_that_line(folder: Path) -> None:
    source = open_pack_source(folder)
    first = source.sessions[0]
    old_title = first.document["title"]
    first.document["title"] = "Arrive, and soften"
    written = save_folder(source, folder)
    assert written == [first.name]
    assert changed_lines(EXAMPLE / first.name, folder / first.name) == [
        f'-title = "{old_title}"',
        '+title = "Arrive, and soften"',
    ]
    for other in [source.manifest, *source.sessions[1:]]:
        assert (folder / other.name).read_bytes() == (EXAMPLE / other.name).read_bytes()


def test_an_unchanged_pack_is_written_back_byte_for_byte(folder: Path, tmp_path: Path) -> None:
    source = open_pack_source(folder)
    assert save_folder(source, folder) == []
    elsewhere = tmp_path / "copy"
    save_folder(source, elsewhere)
    for path in sorted(EXAMPLE.rglob("*")):
        if path.is_file():
            relative = path.relative_to(EXAMPLE)
            assert (elsewhere / relative).read_bytes() == path.read_bytes(), relative


def test_a_saved_pack_equals_pack_build_of_the_saved_folder(folder: Path, tmp_path: Path) -> None:
    source = open_pack_source(folder)
    source.manifest.document["title"] = "Release — phase 2"
    studio = save_pack(source, tmp_path / "saved", tmp_path / "studio.pfpack")
    built = build_pack(tmp_path / "saved", tmp_path / "built.pfpack")
    assert studio.read_bytes() == built.read_bytes()


def test_a_pfpack_opens_for_editing_and_round_trips(folder: Path, tmp_path: Path) -> None:
    built = build_pack(folder, tmp_path / "first.pfpack")
    source = open_pack_source(built)
    try:
        assert [s.name for s in source.sessions] == [
            f"sessions/{p.name}" for p in sorted((EXAMPLE / "sessions").glob("*.toml"))
        ]
        again = save_pack(source, tmp_path / "again", tmp_path / "again.pfpack")
        assert again.read_bytes() == built.read_bytes()
    finally:
        source.close()


def test_check_lists_what_the_validator_finds_without_saving(folder: Path) -> None:
    source = open_pack_source(folder)
    assert check(source) == []
    source.sessions[0].document["title"] = ""
    problems = check(source)
    assert problems
    assert any("title" in problem.key for problem in problems)
    assert not any(p.name.startswith(".") for p in folder.rglob("*") if p.is_file())
    assert (folder / source.sessions[0].name).read_text(encoding="utf-8") == (
        EXAMPLE / source.sessions[0].name
    ).read_text(encoding="utf-8")


def test_add_and_remove_sessions(folder: Path, tmp_path: Path) -> None:
    source = open_pack_source(folder)
    removed = source.sessions[-1].name
    source.remove_session(removed)
    source.add_session(
        "short-drop",
        'pfrelax = 1\nid = "short-drop"\ntitle = "Short drop"\n\n'
        '[[step]]\ntype = "breathe"\npattern = "4-6"\nminutes = 2\n',
    )
    save_folder(source, folder)
    assert not (folder / removed).exists()
    assert (folder / "sessions" / "short-drop.toml").is_file()


def test_a_broken_toml_file_is_named_with_its_line(folder: Path) -> None:
    (folder / "sessions" / "arrive-and-soften.toml").write_text(
        'pfrelax = 1\ntitle = "unclosed\n', encoding="utf-8"
    )
    with pytest.raises(PackError) as raised:
        open_pack_source(folder)
    problem = raised.value.problems[0]
    assert problem.file == "sessions/arrive-and-soften.toml"
    assert problem.line == 2
