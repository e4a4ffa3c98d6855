"""One author's pack never silently replaces another's; the same version with other content says
so; a question answered with Ctrl-D is a no (issue 10: 3 and 10)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from pfrelax import paths

from .folders import snapshot
from .pack_builders import make_home, outcome, pack_files, refused, run_cli, write_pack

ALEX = "Alex Rivera, PT — Riverside Pelvic Health"


@pytest.fixture
def home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    root = make_home(tmp_path, monkeypatch)
    first = write_pack(tmp_path / "alex.pfpack", pack_files(title="Release"))
    assert run_cli(capsys, "pack", "install", str(first))[0] == 0
    return root


def installed(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    """(version, title) of every installed pack, as `pfrelax pack list --json` says."""
    code, out, _ = run_cli(capsys, "pack", "list", "--json")
    assert code == 0
    return [(row["version"], row["title"]) for row in json.loads(out)]


def test_another_authors_pack_is_refused_with_both_names(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mallory = write_pack(
        tmp_path / "m.pfpack",
        pack_files(version="9.0.0", title="Release", author="Mallory", organisation="Elsewhere"),
    )
    before = snapshot(home)
    assert outcome(run_cli(capsys, "pack", "install", str(mallory))) == refused(
        [
            f"“Release” is installed from {ALEX}. This file uses the same pack id but is from "
            "Mallory — Elsewhere. Installing it replaces their pack with this one. Only do this "
            "if you trust the person who sent it.",
            f"Run `pfrelax pack install --replace-author {mallory}` to install it anyway.",
        ]
    )
    assert snapshot(home) == before


def test_replace_author_installs_it_after_all(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mallory = write_pack(
        tmp_path / "m.pfpack", pack_files(version="9.0.0", title="Other", author="Mallory")
    )
    code, out, err = run_cli(capsys, "pack", "install", "--replace-author", str(mallory))
    assert (code, err) == (0, "")
    assert out.startswith("Upgraded Other from 1.0.0 to 9.0.0 (1 session).")
    assert installed(capsys) == [("9.0.0", "Other")]


def test_case_and_spacing_do_not_make_another_author(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = write_pack(
        tmp_path / "a.pfpack",
        pack_files(version="1.1.0", title="Release", author="alex  rivera, pt"),
    )
    assert run_cli(capsys, "pack", "install", str(same))[0] == 0


def test_same_version_other_content_says_so_and_replaces_only_with_yes(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = write_pack(tmp_path / "o.pfpack", pack_files(title="Release, revised"))
    before = snapshot(home)
    assert outcome(run_cli(capsys, "pack", "install", str(other))) == refused(
        [
            "Release 1.0.0 is installed, and this file says it is the same version, but its "
            "content is different. Installing it replaces the installed files; your history and "
            "the day you started the plan are kept. If you are not sure, ask your PT for a copy "
            "with a new version number.",
            "Run `pfrelax pack install --yes` to install it anyway.",
        ]
    )
    assert snapshot(home) == before
    code, out, err = run_cli(capsys, "pack", "install", "--yes", str(other))
    assert (code, err) == (0, "")
    assert out.startswith("Replaced Release, revised 1.0.0 with this file's content (1 session).")
    assert installed(capsys) == [("1.0.0", "Release, revised")]


def test_the_same_file_again_is_already_installed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = write_pack(tmp_path / "again.pfpack", pack_files(title="Release"))
    before = snapshot(home)
    assert run_cli(capsys, "pack", "install", str(again)) == (
        0,
        "Release 1.0.0 is already installed; nothing changed.\n",
        "",
    )
    assert snapshot(home) == before


def test_ctrl_d_at_the_downgrade_question_is_a_no(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    newer = write_pack(tmp_path / "n.pfpack", pack_files(version="2.0.0", title="Release"))
    assert run_cli(capsys, "pack", "install", str(newer))[0] == 0
    terminal = io.StringIO("")  # the end of input at once: Ctrl-D
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", terminal)
    before = snapshot(home)
    older = write_pack(tmp_path / "o.pfpack", pack_files(version="1.5.0", title="Release"))
    code, out, err = run_cli(capsys, "pack", "install", str(older))
    assert (code, out, "Traceback" in err) == (1, "Install it? [y/N] ", False)
    assert err.splitlines()[0].startswith("Release 2.0.0 is installed, and this file is the older")
    assert snapshot(home) == before


def test_a_version_an_older_pfrelax_accepted_does_not_block_later_installs(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(paths.database_path()) as con:  # as left by a 5,001-digit version
        con.execute("UPDATE installed_packs SET version = ?", ("1" * 5001 + ".0.0",))
    con.close()
    newer = write_pack(tmp_path / "n.pfpack", pack_files(version="1.0.1", title="Release"))
    code, out, err = run_cli(capsys, "pack", "install", str(newer))
    assert (code, err) == (0, "")
    assert out.startswith(f"Upgraded Release from {'1' * 5001}.0.0 to 1.0.1 (1 session).")
    assert installed(capsys) == [("1.0.1", "Release")]
