"""`pfrelax validate`: exit 0 when valid, 1 with one problem a line, 2 for a path it cannot use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.cli import main

DATA = Path(__file__).parents[2] / "data" / "sessions"
GOOD = DATA / "evening-release.toml"
BAD = DATA / "three-mistakes.toml"


def test_valid_files_print_ok_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD)]) == 0

    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (f"ok: {GOOD}\n", "")


def test_every_builtin_session_validates(capsys: pytest.CaptureFixture[str]) -> None:
    folder = paths.builtin_sessions_dir()
    assert main(["validate", str(folder)]) == 0

    expected = [f"ok: {path}" for path in sorted(folder.glob("*.toml"))]
    assert capsys.readouterr().out.splitlines() == expected


def test_an_invalid_file_lists_each_problem_on_stderr_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(GOOD), str(BAD)]) == 1

    captured = capsys.readouterr()
    assert captured.out == f"ok: {GOOD}\n"
    assert captured.err.splitlines() == [
        f"{BAD}:7: step[0].pattren: unknown key 'pattren'; did you mean 'pattern'?",
        f"{BAD}:8: step[0].pattern.exhale: 16 s is over the 15 s maximum "
        '(a PT\'s pack with limits = "clinician" allows up to 30 s)',
        f"{BAD}:10: step[0].cycles: give exactly one of minutes, seconds or cycles "
        "(this step has minutes and cycles)",
    ]


def test_a_syntax_error_is_one_line_with_line_and_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = DATA / "syntax-error.toml"
    assert main(["validate", str(path)]) == 1

    assert capsys.readouterr().err == (
        f"{path}:3: TOML syntax error at column 9: Invalid value; "
        'text must be in double quotes, e.g. title = "Evening calm"\n'
    )


GIVE = "check the path, or give a session file (*.toml), a .pfpack file or a pack's folder"


def test_a_path_that_does_not_exist_exits_1_saying_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    assert main(["validate", str(GOOD), str(missing)]) == 1

    captured = capsys.readouterr()
    assert captured.out == f"ok: {GOOD}\n"
    assert captured.err == f"pfrelax validate: {missing}: no such file or folder; {GIVE}\n"


def test_a_file_that_is_not_a_session_or_pack_exits_1_saying_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    assert main(["validate", str(notes)]) == 1

    assert capsys.readouterr().err == (
        f"pfrelax validate: {notes}: not a session file (*.toml) or a pack; {GIVE}\n"
    )


def test_an_invalid_file_and_a_missing_one_both_say_so_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(BAD), str(tmp_path / "nope.toml")]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 4


def test_a_folder_of_sessions_is_checked_file_by_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(GOOD, tmp_path / "a.toml")
    shutil.copy(BAD, tmp_path / "b.toml")
    assert main(["validate", str(tmp_path)]) == 1

    captured = capsys.readouterr()
    assert captured.out == f"ok: {tmp_path / 'a.toml'}\n"
    assert len(captured.err.splitlines()) == 3


def test_no_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    assert "PATH" in capsys.readouterr().err
