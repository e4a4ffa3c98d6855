"""Product texts come from assets/texts.toml and assets/crisis_lines.toml, worded as CLINICAL.md."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.core import texts

CLINICAL_SUPPORT = (
    "If you are in crisis or thinking about harming yourself, please reach out now: call your "
    "local emergency number, or a crisis line (in the US call or text 988; in the UK and Ireland "
    "call Samaritans on 116 123). You deserve support."
)
CLINICAL_DISCLAIMER = (
    "pfrelax offers breathing, relaxation and mindfulness exercises for general well-being. "
    "It is not a medical device and does not diagnose, treat, cure or prevent any condition, and "
    "it does not replace care from your physical therapist or doctor. Stop any exercise that "
    "causes dizziness, tingling, pain, breathlessness or distress, and breathe normally."
)


@pytest.fixture
def own_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the assets folder the test may edit, read afresh."""
    folder, real = tmp_path / "assets", paths.assets_dir()
    shutil.copytree(real, folder)
    monkeypatch.setattr(paths, "assets_dir", lambda: folder)
    texts.use_assets(folder)
    yield folder
    # The real folder, taken before the patch: monkeypatch is undone only after this runs.
    texts.use_assets(real)


def test_the_support_text_is_clinical_md_wording_built_from_the_crisis_lines() -> None:
    assert texts.support_text() == CLINICAL_SUPPORT
    assert texts.support_text("NZ") == CLINICAL_SUPPORT.replace(
        "in the US call or text 988; in the UK and Ireland call Samaritans on 116 123",
        "in New Zealand call or text 1737",
    )


def test_the_disclaimer_is_clinical_md_wording() -> None:
    assert texts.disclaimer() == CLINICAL_DISCLAIMER


def test_the_stop_rules_are_four_paragraphs_starting_with_when_to_stop() -> None:
    rules = texts.stop_rules()
    assert len(rules) == 4
    assert rules[0].startswith("Stop and breathe normally if you feel dizzy")
    assert rules[3] == "Slow and gentle, not big: at slow rates it is easy to over-breathe."
    assert texts.you_can_stop() == "You can stop at any time."


def test_crisis_lines_are_kept_only_in_crisis_lines_toml() -> None:
    toml = (paths.assets_dir() / "texts.toml").read_text(encoding="utf-8")
    assert "988" not in toml
    assert "116 123" not in toml


def test_editing_the_data_file_changes_the_text(own_assets: Path) -> None:
    lines = own_assets / "crisis_lines.toml"
    lines.write_text(lines.read_text("utf-8").replace("116 123", "116 999"), encoding="utf-8")
    file = own_assets / "texts.toml"
    file.write_text(
        file.read_text("utf-8").replace("You can stop at any time.", "Stop whenever you like."),
        encoding="utf-8",
    )
    assert "call Samaritans on 116 999" in texts.support_text("GB")
    assert texts.you_can_stop() == "Stop whenever you like."
