"""The Help, About and first-run boxes and the player's panels show the texts of the data files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core import texts as product
from pfrelax.core.session import Session
from pfrelax.ui.common import texts
from pfrelax.ui.common.help_dialogs import about_box, first_run_box, stop_rules_box
from pfrelax.ui.player.player_panels import EndPanel, PreStartPanel


@pytest.fixture
def edited_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The assets, with every product text marked so a test sees where each was read from."""
    folder, real = tmp_path / "assets", paths.assets_dir()
    shutil.copytree(real, folder)
    file = folder / "texts.toml"
    edited = file.read_text("utf-8")
    for old in (
        "It is not a medical device",
        "Practise sitting or lying down",
        "You can stop at any time.",
        "Session complete.",
        "Session stopped.",
        "You practised",
    ):
        edited = edited.replace(old, f"[edited] {old}")
    file.write_text(edited, encoding="utf-8")
    lines = folder / "crisis_lines.toml"
    lines.write_text(lines.read_text("utf-8").replace("You deserve", "[edited] You"), "utf-8")
    monkeypatch.setattr(paths, "assets_dir", lambda: folder)
    product.use_assets(folder)
    yield folder
    # The real folder, taken before the patch: monkeypatch is undone only after this runs.
    product.use_assets(real)


def test_help_about_and_first_run_show_the_data_files_texts(
    qtbot: QtBot, edited_assets: Path
) -> None:
    help_box = stop_rules_box(None)
    qtbot.addWidget(help_box)
    assert "[edited] Practise sitting or lying down" in help_box.informativeText()
    assert "[edited] You can stop at any time." in help_box.informativeText()
    assert "[edited] You support." in help_box.informativeText()
    about = about_box(None)
    qtbot.addWidget(about)
    assert "[edited] It is not a medical device" in about.informativeText()
    first = first_run_box(None)
    qtbot.addWidget(first)
    assert "[edited] It is not a medical device" in first.informativeText()
    assert "[edited] Practise sitting or lying down" in first.informativeText()


def test_the_player_panels_show_the_data_files_texts(
    qtbot: QtBot, edited_assets: Path, sessions: list[Session]
) -> None:
    before = PreStartPanel()
    qtbot.addWidget(before)
    assert before.stop_rules.text().endswith("\n[edited] You can stop at any time.")
    after = EndPanel()
    qtbot.addWidget(after)
    after.show_end(sessions[0], completed=True, practised_ms=60_000)
    assert after.message.text() == "[edited] Session complete. Notice how you feel."
    after.show_end(sessions[0], completed=False, practised_ms=120_000)
    assert after.message.text().startswith("[edited] You practised 2 minutes — that counts.")
    after.show_end(sessions[0], completed=False, practised_ms=10_000)
    assert after.message.text().startswith("[edited] Session stopped.")


def test_the_ui_texts_module_keeps_no_copy_of_product_texts() -> None:
    for name in ("DISCLAIMER", "STOP_RULES", "SUPPORT", "YOU_CAN_STOP", "SESSION_COMPLETE"):
        assert not hasattr(texts, name), name
