"""`pfrelax pack …` as a person types it: output, exit codes, and what lands on disk."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.cli import main

from .packkit import PACK_ID, pack_files, write_folder, write_zip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["pack", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_says_ok_for_a_good_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_zip(tmp_path / "good.pfpack", pack_files())
    assert run(capsys, "validate", str(pack)) == (
        0,
        f"ok: {pack} — Test pack 1.0.0, 1 session\n",
        "",
    )


def test_validate_lists_problems_one_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = pack_files()
    files["pack.toml"] = files["pack.toml"].replace(b'"1.0.0"', b'"one"')
    files["audio/welcome.wav"] = b"broken"
    code, out, err = run(capsys, "validate", str(write_folder(tmp_path / "pack", files)))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "pack.toml:3: version: 'one' is not a valid version; write a version like '1.0.0' "
        "(major.minor.patch)",
        "audio/welcome.wav: cannot be decoded (Format not recognised); re-export it as wav, "
        "flac, ogg or mp3",
    ]


def test_a_path_that_does_not_exist_is_refused_saying_what_to_give(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "validate", "nowhere.pfpack") == (
        1,
        "",
        "pfrelax pack validate: nowhere.pfpack: no such file or folder; check the path, or give "
        "a .pfpack file or a pack's folder\n",
    )
    assert run(capsys, "info", "nowhere")[::2] == (
        1,
        "pfrelax pack info: nowhere: no such file or folder; check the path, or give a .pfpack "
        "file or a pack's folder, or an installed pack's id\n",
    )


@pytest.mark.parametrize("action", ["validate", "info", "install"])
def test_a_named_pipe_is_not_a_pack_and_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    pipe = tmp_path / "incoming.pfpack"
    os.mkfifo(pipe)  # nothing writes to it: opening it to read would wait for ever
    code, out, err = run(capsys, action, str(pipe))
    assert (code, out) == (1, "")
    assert err.endswith(
        "incoming.pfpack: is a named pipe, not a pack file or folder; give a .pfpack file or a "
        "pack's folder\n"
    )
    assert "does not exist" not in err


def test_info_describes_sessions_and_plan_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = pack_files()
    files["pack.toml"] = files["pack.toml"].replace(b'"default"', b'"clinician"')
    code, out, _ = run(capsys, "info", str(write_folder(tmp_path / "pack", files)))
    assert code == 0
    assert out.splitlines() == [
        "Test pack (version 1.0.0)",
        "From Alex Rivera, PT — Riverside Pelvic Health",
        "Made 2026-11-20",
        "",
        "A small pack for tests.",
        "",
        "Message from Alex Rivera, PT:",
        "  Practise gently.",
        "",
        "Sessions:",
        "  Soften (soften), 0:21",
        "    “Arrive”: recording audio/welcome.wav",
        "",
        "Plan (weeks count from the day you start):",
        "  Soften: Weeks 1–4, every day, twice a day. Morning and evening.",
        "",
        "Check-ins: distress, pelvic floor tension, pain; weekly: pain with penetration",
        "",
        "Safety:",
        "  This pack uses the wider limits a PT may set (longer breaths and sessions). "
        "Practise them as your PT showed you.",
    ]


def test_install_list_and_remove(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_zip(tmp_path / "good.pfpack", pack_files())
    code, out, _ = run(capsys, "install", str(pack))
    assert code == 0
    assert out.startswith("Installed Test pack 1.0.0 (1 session).\n")
    code, out, _ = run(capsys, "list", "--json")
    [row] = json.loads(out)
    assert (row["id"], row["version"], row["title"], row["sessions"]) == (
        PACK_ID,
        "1.0.0",
        "Test pack",
        ["soften"],
    )
    assert run(capsys, "list")[1] == f"{PACK_ID} 1.0.0  Test pack  (1 sessions)\n"
    assert run(capsys, "remove", PACK_ID) == (
        0,
        "Removed Test pack 1.0.0. Your session history and check-ins are kept.\n",
        "",
    )
    assert not (paths.packs_dir() / PACK_ID).exists()
    assert run(capsys, "remove", PACK_ID)[0] == 1


def test_a_downgrade_is_refused_without_yes_when_not_on_a_terminal(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "install", str(write_zip(tmp_path / "new.pfpack", pack_files("2.0.0"))))
    old = write_zip(tmp_path / "old.pfpack", pack_files("1.0.0"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "install", str(old))
    assert code == 1
    assert err.endswith("Run `pfrelax pack install --yes` to install it anyway.\n")
    code, out, _ = run(capsys, "install", "--yes", str(old))
    assert (code, out.splitlines()[0]) == (
        0,
        "Downgraded Test pack from 2.0.0 to 1.0.0 (1 session). Your history and the day you "
        "started the plan are kept.",
    )


def test_build_writes_a_pack_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    output = tmp_path / "out.pfpack"
    code, out, _ = run(capsys, "build", str(folder), "-o", str(output))
    assert code == 0
    assert out.startswith(f"Built {output} (")
    assert run(capsys, "validate", str(output))[0] == 0


@pytest.mark.parametrize("where", ["missing-folder/out.pfpack", "a-folder"])
def test_build_says_plainly_when_the_output_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    (tmp_path / "a-folder").mkdir()
    output = tmp_path / where
    code, out, err = run(capsys, "build", str(folder), "-o", str(output))
    assert (code, out) == (1, "")
    assert err.startswith(f"pfrelax pack build: could not write {output} (")
    assert "partial" not in err
    assert "Errno" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "pack"]


@pytest.mark.parametrize("output", ["", ".", "/"])
def test_build_to_no_file_name_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    code, out, err = run(capsys, "build", str(folder), "-o", output)
    assert (code, out) == (1, "")
    shown = Path(output)  # argparse hands the command a Path: "" arrives as "."
    assert err == f"pfrelax pack build: -o '{shown}': give the file to write, like -o pack.pfpack\n"


def test_build_needs_an_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["pack", "build", str(tmp_path)])
    assert exit_.value.code == 2


def test_build_of_a_folder_that_is_not_there_says_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing, output = tmp_path / "my-pack", str(tmp_path / "my-pack.pfpack")
    assert run(capsys, "build", str(missing), "-o", output) == (
        1,
        "",
        f"pfrelax pack build: {missing}: no such folder; give the pack's folder (the one with "
        "pack.toml)\n",
    )
    (tmp_path / "notes.txt").write_text("hello", "utf-8")
    assert run(capsys, "build", str(tmp_path / "notes.txt"), "-o", output)[::2] == (
        1,
        f"pfrelax pack build: {tmp_path / 'notes.txt'}: is not a folder; give the pack's folder "
        "(the one with pack.toml)\n",
    )


def test_the_top_level_validate_command_checks_packs_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_zip(tmp_path / "good.pfpack", pack_files())
    files = pack_files()
    files["pack.toml"] = b'autor = "x"\n' + files["pack.toml"]
    bad = write_folder(tmp_path / "bad", files)
    assert main(["validate", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == f"ok: {good}\n"
    assert err == "pack.toml:1: autor: unknown key 'autor'; did you mean 'author'?\n"


@pytest.mark.parametrize(("answer", "code", "version"), [("y\n", 0, "1.0.0"), ("\n", 1, "2.0.0")])
def test_a_downgrade_asks_on_a_terminal(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    code: int,
    version: str,
) -> None:
    from tests.pack_service import installed_packs

    run(capsys, "install", str(write_zip(tmp_path / "new.pfpack", pack_files("2.0.0"))))
    terminal = io.StringIO(answer)
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", terminal)
    old = write_zip(tmp_path / "old.pfpack", pack_files("1.0.0"))
    assert run(capsys, "install", str(old))[0] == code
    assert installed_packs()[0].version == version


def test_info_warns_about_breath_holds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = pack_files()
    files["sessions/soften.toml"] = (
        files["sessions/soften.toml"]
        .replace(
            b'summary = "A short release."',
            b'summary = "A short release."\nsafety = "This session holds the breath."',
        )
        .replace(b"4-0-6-0", b"4-4-4-4")
    )
    code, out, _ = run(capsys, "info", str(write_folder(tmp_path / "pack", files)))
    assert code == 0
    assert out.endswith(
        "Safety:\n  Some sessions use breath holds; their safety note is shown before each.\n"
    )


def test_info_warns_about_a_contraction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = pack_files()
    files["sessions/drill.toml"] = (
        b'pfrelax = 1\nid = "drill"\ntitle = "Drill"\nsafety = "A gentle contraction."\n'
        b'[[step]]\ntype = "pelvic_floor"\nkind = "contract_release"\n'
    )
    code, out, _ = run(capsys, "info", str(write_folder(tmp_path / "pack", files)))
    assert code == 0
    assert out.endswith(
        "Safety:\n  Some sessions ask for a gentle pelvic floor contraction; their safety note "
        "is shown before each.\n"
    )


def test_info_also_takes_an_installed_pack_id(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "install", str(write_zip(tmp_path / "good.pfpack", pack_files())))
    code, out, _ = run(capsys, "info", PACK_ID)
    assert (code, out.splitlines()[0]) == (0, "Test pack (version 1.0.0)")
