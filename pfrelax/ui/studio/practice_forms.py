"""Forms for a pelvic floor step and a dilator step: a field for every key the format allows, each
with the validator's message under it. Keys without a field are never touched."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import tomlkit
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.studio.field_notes import FieldNotes
from pfrelax.ui.studio.toml_fields import Binder, Table, choice, line, number_or_text, text_box

CUES = (("tones", "Soft tones"), ("voice", "Spoken prompts"), ("none", "Silent"))
PELVIC_KINDS = (
    ("release", "Release only: soften, drop and widen"),
    ("contract_release", "Gentle contraction, then a longer let-go (a PT's choice)"),
)
INSERT_ON = (("inhale", "On the in-breath"), ("exhale", "On the out-breath (a PT's choice)"))
PROMPT_KEYS = ("contract", "release", "rest")
# CLINICAL.md §2a defaults: what a contraction starts at when the PT turns it on.
CONTRACTION_STARTS = {"effort": 30, "contract": 3}
SAFETY_HINT = (
    "A session that asks for a contraction shows this note before it starts, e.g. "
    "“Only a gentle draw-up, about a third of your effort. Keep breathing throughout.”"
)


class PracticePage(QWidget):
    """One step type's form: fields bound to keys of the step's table, notes under each."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.binder = Binder(self)
        self.binder.edited.connect(self.edited)
        self.notes = FieldNotes()
        self.fields: dict[str, QWidget] = {}
        self.rows: dict[str, QWidget] = {}  # each field's row: the field with its note
        self.form = QFormLayout(self)
        # Narrow (200 %): a label goes above its field rather than pushing the field off screen.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._table: Table | None = None

    def _line(self, label: str, key: str, description: str, number: bool = True) -> QLineEdit:
        field = line(label, description)
        self.binder.bind_line(field, key, number_or_text if number else str)
        self._row(label, key, field)
        return field

    def _row(self, label: str, key: str, field: QWidget) -> None:
        self.fields[key] = field
        self.rows[key] = self.notes.add(key, field)
        self.form.addRow(label, self.rows[key])

    def load(self, table: Table | None, session: Table | None = None) -> None:
        self._table = table
        plain = {k: f for k, f in self.fields.items() if not isinstance(f, QCheckBox)}
        self.binder.load(table, plain)

    def show_problems(self, messages: Mapping[str, str]) -> None:
        self.notes.show(messages)

    def field_for(self, key: str) -> QWidget | None:
        return self.fields.get(key)


class PelvicFloorPage(PracticePage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Table | None = None
        self._line("Title", "title", "Shown in the player's chapters", number=False)
        kind = choice("Kind", "Release only, or a gentle contraction then a let-go", PELVIC_KINDS)
        self.binder.bind_choice(kind, "kind")
        kind.activated.connect(self._on_kind_chosen)
        self._row("Kind", "kind", kind)
        self._line("Reps", "reps", "How many times, 1 to 10 (20 in a clinician pack)")
        self._line("Effort %", "effort", "Percent of maximum, contraction only; 30 is a third")
        self._line("Contract (s)", "contract", "Seconds of gentle contraction, on an out-breath")
        self._line("Release (s)", "release", "Seconds of letting go, twice the contraction or more")
        self._line("Rest (s)", "rest", "Seconds of nothing to do after each rep")
        self.prompts: dict[str, QLineEdit] = {}
        for key in PROMPT_KEYS:
            field = line(f"{key.capitalize()} words", f"Shown during the {key} (optional)")
            field.textEdited.connect(lambda text, key=key: self._on_prompt_edited(key, text))
            self.prompts[key] = field
            self.form.addRow(f"{key.capitalize()} words", field)
        cues = choice("Cues", "How each part is announced", CUES)
        self.binder.bind_choice(cues, "cues")
        self._row("Cues", "cues", cues)
        self.safety_hint = text_label(SAFETY_HINT, quiet=True)
        self.safety_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.safety = text_box("Safety note", "Shown before the session starts (whole session)")
        self.safety.textChanged.connect(self._on_safety_edited)
        self.form.addRow(self.safety_hint)
        self.fields_safety = self.notes.add("safety", self.safety)
        self.form.addRow("Safety note", self.fields_safety)
        self._loading = False

    def load(self, table: Table | None, session: Table | None = None) -> None:
        self._loading = True
        try:
            super().load(table, session)
            self._session = session
            prompts = table.get("prompts", {}) if table is not None else {}
            for key, field in self.prompts.items():
                field.setText(str(prompts.get(key, "")) if isinstance(prompts, dict) else "")
                field.setEnabled(table is not None)
            self.safety.setPlainText(str(session.get("safety", "")) if session else "")
            self._show_contraction_fields()
        finally:
            self._loading = False

    def field_for(self, key: str) -> QWidget | None:
        extra: dict[str, QWidget] = {"prompts": self.prompts["release"], "safety": self.safety}
        return self.fields.get(key) or extra.get(key)

    def contracts(self) -> bool:
        return self._table is not None and self._table.get("kind") == "contract_release"

    def _show_contraction_fields(self) -> None:
        contracts = self.contracts()
        for key in CONTRACTION_STARTS:
            self.form.setRowVisible(self.rows[key], contracts)
        self.form.setRowVisible(self.prompts["contract"], contracts)
        self.form.setRowVisible(self.safety_hint, contracts)
        self.form.setRowVisible(self.fields_safety, contracts)

    def _on_kind_chosen(self, _index: int) -> None:
        table = self._table
        if table is None:
            return
        if self.contracts():
            for key, start in CONTRACTION_STARTS.items():
                table.setdefault(key, start)
        else:  # a release step has no contraction: the validator refuses its keys
            for key in CONTRACTION_STARTS:
                table.pop(key, None)
        self.load(table, self._session)
        self.edited.emit()

    def _on_prompt_edited(self, key: str, text: str) -> None:
        table = self._table
        if table is None:
            return
        prompts = table.get("prompts")
        if not isinstance(prompts, dict):
            prompts = tomlkit.inline_table()
            table["prompts"] = prompts
        if text.strip():
            prompts[key] = text.strip()
        else:
            prompts.pop(key, None)
            if not prompts:
                del table["prompts"]
        self.edited.emit()

    def _on_safety_edited(self) -> None:
        if self._loading or self._session is None:
            return
        text = self.safety.toPlainText().strip()
        if text:
            self._session["safety"] = text
        else:
            self._session.pop("safety", None)
        self.edited.emit()


class DilatorPage(PracticePage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._line("Title", "title", "Shown in the player's chapters", number=False)
        self._line("Pattern", "pattern", 'The breath for every stage, e.g. "4-6"', number=False)
        self._line("Settle (s)", "settle", "Seconds of paced breathing first, 60 to 300")
        self._line("Insert over", "insert_breaths", "Breaths the insertion is spread over, 1 to 10")
        insert_on = choice("Insert on", "Which breath insertion goes with", INSERT_ON)
        self.binder.bind_choice(insert_on, "insert_on")
        self._row("Insert on", "insert_on", insert_on)
        self._line("Stay at least (s)", "stay", "Seconds before Continue is offered")
        self._line("Stay at most (s)", "stay_max", "Seconds after which the stay ends anyway")
        self._line("Move over", "move_breaths", "Breaths of gentle movement, 0 for none")
        self._line("Remove over", "remove_breaths", "Breaths the removal is spread over")
        self.log = QCheckBox("Ask the practice log")
        name(self.log, "Practice log", "Ask size, depth, minutes, pain and anxiety afterwards")
        self.log.toggled.connect(self._on_log_toggled)
        self._row("Log", "log", self.log)
        cues = choice("Cues", "How each breath is announced", CUES)
        self.binder.bind_choice(cues, "cues")
        self._row("Cues", "cues", cues)
        self._loading = False

    def load(self, table: Table | None, session: Table | None = None) -> None:
        self._loading = True
        try:
            super().load(table, session)
            self.log.setChecked(table is None or table.get("log", True) is not False)
            self.log.setEnabled(table is not None)
        finally:
            self._loading = False

    def _on_log_toggled(self, on: bool) -> None:
        table = self._table
        if self._loading or table is None:
            return
        if on and "log" not in table:
            return  # the default is to ask: nothing to write
        table["log"] = on
        self.edited.emit()


def step_defaults() -> dict[str, dict[str, Any]]:
    """What "Add step" starts a pelvic floor or dilator step with: valid at once, to change."""
    return {
        "pelvic_floor": {"type": "pelvic_floor", "kind": "release", "reps": 5, "release": 10},
        "dilator": {"type": "dilator", "pattern": "4-6", "settle": 120, "stay": 30},
    }
