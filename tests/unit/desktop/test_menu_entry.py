"""The installed menu entry renamed "Calm" and back with discreet mode, in a temporary
XDG_DATA_HOME: only our own entry, atomically, owner-only, every other line kept."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from pfrelax.core.discretion import condition_words_in
from pfrelax.desktop.autostart import discreet_icon_path, parse_exec
from pfrelax.desktop.menu_entry import InstalledMenuEntry, applications_dir, is_ours, renamed
from pfrelax.services.menu_entry import name_menu_entry

APP = "/home/sam/.local/share/pfrelax-app"
# What install.sh writes (tests/bundle/test_menu_entry_install.py runs the script itself).
INSTALLED = f"""[Desktop Entry]
Type=Application
Name=pfrelax
GenericName=Calm breathing
Comment=Guided breathing and relaxation
Exec="{APP}/pfrelax"
Icon=pfrelax
Terminal=false
Categories=Utility;
Keywords=breathing;relaxation;calm;
StartupWMClass=pfrelax
"""


@pytest.fixture
def entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> InstalledMenuEntry:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = applications_dir()
    assert folder == tmp_path / "data" / "applications"
    folder.mkdir(parents=True)
    (folder / "pfrelax.desktop").write_text(INSTALLED, encoding="utf-8")
    return InstalledMenuEntry()


def fields(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_discreet_mode_renames_our_entry_calm_and_back_to_what_install_wrote(
    entry: InstalledMenuEntry,
) -> None:
    assert name_menu_entry(True, entry)
    text = entry.path.read_text(encoding="utf-8")
    shown = fields(text)
    assert shown["Name"] == "Calm"
    assert shown["Icon"] == str(discreet_icon_path())
    assert Path(shown["Icon"]).is_file()
    assert shown["Comment"] == "A few calm minutes"
    shown_lines = [v for k, v in shown.items() if k in ("Name", "GenericName", "Comment", "Icon")]
    assert condition_words_in(" ".join(shown_lines)) == []
    assert "pfrelax" not in " ".join([shown["Name"], shown["Comment"], shown["GenericName"]])
    for kept in ("Exec", "Type", "Categories", "Keywords", "StartupWMClass", "Terminal"):
        assert shown[kept] == fields(INSTALLED)[kept]
    assert stat.S_IMODE(entry.path.stat().st_mode) == 0o600  # owner-only
    assert [p.name for p in entry.path.parent.iterdir()] == ["pfrelax.desktop"]  # no temp left

    assert not name_menu_entry(True, entry)  # already so: not written again
    assert name_menu_entry(False, entry)
    assert entry.path.read_text(encoding="utf-8") == INSTALLED


def test_translations_of_the_shown_keys_go_and_missing_keys_are_added() -> None:
    text = INSTALLED.replace("Icon=pfrelax\n", "") + "Name[de]=pfrelax\nComment[fr]=Respirer\n"
    text += "[Desktop Action quiet]\nName=Quiet start\nExec=pfrelax --quiet\n"
    calm = renamed(text, discreet=True)
    group, action = calm.split("[Desktop Action quiet]")
    assert "Name[de]" not in group
    assert "Comment[fr]" not in group
    assert fields(group)["Icon"] == str(discreet_icon_path())
    assert group.count("\nName=") == 1
    assert action == "\nName=Quiet start\nExec=pfrelax --quiet\n"  # other groups as they were


@pytest.mark.parametrize(
    "text",
    [
        INSTALLED.replace(f'Exec="{APP}/pfrelax"', "Exec=/usr/bin/another-app"),
        INSTALLED.replace("[Desktop Entry]", "[Something else]"),
        "not a desktop entry at all\n",
        "",
    ],
)
def test_an_entry_that_is_not_ours_is_left_alone(entry: InstalledMenuEntry, text: str) -> None:
    entry.path.write_text(text, encoding="utf-8")
    assert not is_ours(text)
    assert not name_menu_entry(True, entry)
    assert entry.path.read_text(encoding="utf-8") == text


def test_no_entry_no_file_and_a_link_is_not_followed(
    entry: InstalledMenuEntry, tmp_path: Path
) -> None:
    entry.path.unlink()
    assert not name_menu_entry(True, entry)
    assert not entry.path.exists()
    elsewhere = tmp_path / "dotfiles" / "pfrelax.desktop"
    elsewhere.parent.mkdir()
    elsewhere.write_text(INSTALLED, encoding="utf-8")
    entry.path.symlink_to(elsewhere)
    assert not name_menu_entry(True, entry)
    assert elsewhere.read_text(encoding="utf-8") == INSTALLED
    assert entry.path.is_symlink()


def test_an_entry_that_cannot_be_read_is_logged_and_the_app_goes_on(
    entry: InstalledMenuEntry, caplog: pytest.LogCaptureFixture
) -> None:
    entry.path.write_bytes(b"[Desktop Entry]\nName=\xff\xfe\n")
    with caplog.at_level(logging.WARNING):
        assert not name_menu_entry(True, entry)
    assert "left as it was" in caplog.text
    entry.path.unlink()
    entry.path.mkdir()  # a folder where the file should be
    assert not name_menu_entry(True, entry)
    assert entry.path.is_dir()


def test_an_entry_far_larger_than_install_writes_is_not_read_or_changed(
    entry: InstalledMenuEntry,
) -> None:
    huge = INSTALLED + "X-Padding=" + "a" * 200_000 + "\n"
    entry.path.write_text(huge, encoding="utf-8")
    assert not name_menu_entry(True, entry)
    assert entry.path.read_text(encoding="utf-8") == huge


def test_a_long_exec_line_is_split_into_its_words() -> None:
    long_word = "a" * 300_000
    assert parse_exec(f'"{APP}/pfrelax" {long_word} "b c"') == [f"{APP}/pfrelax", long_word, "b c"]


def test_the_default_folder_is_under_home_when_xdg_data_home_is_unset() -> None:
    environ = {"HOME": "/home/sam"}
    assert applications_dir(environ) == Path("/home/sam/.local/share/applications")
    assert applications_dir({**environ, "XDG_DATA_HOME": ""}) == Path(
        "/home/sam/.local/share/applications"
    )
    assert os.sep == "/"  # XDG paths are POSIX
