"""Hostile packs for the pack studio: `pfrelax studio` says on the terminal why a pack cannot be
opened (file, line, what to do), exit status 1, no window; a save that runs out of disk leaves
no half-copied recording behind."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from pfrelax.services.pack_plan import PlanEditor
from pfrelax.services.pack_studio import open_pack

from .conftest import refused, run_python
from .pack_builders import pack_files, tone_wav, write_pack

WEEKS_HINT = 'a week ("3"), a range of weeks ("1-4") or a list of weeks ([1, 2, 5])'
NOT_UTF8 = b'pfrelax = 1\nid = "soften"\n# caf\xe9 au lait\ntitle = "Soften"\n'


def folder_of(root: Path, files: Mapping[str, bytes]) -> Path:
    folder = root / "pack"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def studio_refused(home: Path, pack: Path) -> list[str]:
    err = refused(["studio", str(pack)], home)
    head, *problems = err.splitlines()
    assert head == f"pfrelax studio: {pack} could not be opened:"
    return [problem.strip() for problem in problems]


def test_broken_toml_in_a_folder_is_named_with_its_line(home: Path, tmp_path: Path) -> None:
    files = {**pack_files(), "sessions/soften.toml": b'pfrelax = 1\n\nid = "soften\n'}
    [problem] = studio_refused(home, folder_of(tmp_path, files))
    assert problem.startswith("sessions/soften.toml:3: ")


def test_a_session_file_that_is_not_utf8_names_its_line_and_the_fix(
    home: Path, tmp_path: Path
) -> None:
    files = {**pack_files(), "sessions/soften.toml": NOT_UTF8}
    assert studio_refused(home, folder_of(tmp_path, files)) == [
        "sessions/soften.toml:3: is not UTF-8 text; save it as UTF-8 in your editor and open "
        "the pack again"
    ]


def test_a_folder_without_a_manifest_says_so(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert studio_refused(home, folder) == [f"pack.toml: no pack.toml in {folder}"]


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ({"../evil.txt": b"x"}, "../evil.txt: climbs out of the pack with '..'"),
        ({"audio/zeros.wav": bytes(20_000_000)}, "audio/zeros.wav: unpacks to "),
    ],
)
def test_a_pfpack_with_a_climbing_name_or_a_zip_bomb_is_refused(
    home: Path, tmp_path: Path, extra: dict[str, bytes], why: str
) -> None:
    pack = write_pack(tmp_path / "shared.pfpack", {**pack_files(), **extra})
    [problem] = studio_refused(home, pack)
    assert problem.startswith(why)


def test_a_pfpack_that_is_not_a_zip_is_refused(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "shared.pfpack"
    pack.write_bytes(b"not a zip at all")
    [problem] = studio_refused(home, pack)
    assert problem.startswith("shared.pfpack: is not a pfrelax pack: it is not a zip archive.")


# Saving a pack whose recording does not fit: the process may write at most 64 KiB a file
# (RLIMIT_FSIZE, as a full disk does it, for any user); the copy fails with EFBIG.
SAVE_ON_A_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from pfrelax.services.pack_studio import open_pack, save_folder
source = open_pack(Path(sys.argv[1]))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (65_536, resource.RLIM_INFINITY))
try:
    save_folder(source, Path(sys.argv[2]))
except OSError as error:
    print(error.strerror)
"""


def test_a_save_that_runs_out_of_disk_leaves_no_half_copied_recording(
    home: Path, tmp_path: Path
) -> None:
    files = {**pack_files(), "audio/long.wav": tone_wav(seconds=10)}
    opened = folder_of(tmp_path, files)
    target = tmp_path / "copy"
    ran = run_python(["-c", SAVE_ON_A_FULL_DISK, str(opened), str(target)], home)
    assert ran.out == "File too large\n"
    left = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert "audio/long.wav" not in left
    assert [name for name in left if name.endswith(".partial")] == []
    assert all((target / name).read_bytes() == files[name] for name in left)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("1-", "'1-' is not " + WEEKS_HINT),
        ("a", "'a' is not " + WEEKS_HINT),
        ("99", "week 99 is past week 52, the longest a plan runs"),
        ("60-70", "week 60 is past week 52, the longest a plan runs"),
        ("1, ²", "'1, ²' is not " + WEEKS_HINT),
        ("1, 2" + "0" * 5000, f"'1, 2{'0' * 5000}' is not " + WEEKS_HINT),
    ],
)
def test_weeks_typed_in_the_plan_grid_are_named_never_raised(
    tmp_path: Path, typed: str, problem: str
) -> None:
    editor = PlanEditor(open_pack(folder_of(tmp_path, pack_files())))
    index = editor.add_entry("soften", [1])
    editor.set_weeks_text(index, typed)
    assert editor.rows()[index].problems == (f"plan[{index}].weeks: {problem}",)
    assert editor.entries() == []
