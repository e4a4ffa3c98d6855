"""Changing a manifest's `[checkin]` in place: which built-in measures the pack asks, and the PT's
own questions (`[[checkin.item]]`), as PACK-FORMAT.md defines them. Each change touches only the
keys it must, so the PT's comments and layout stay; the validator judges the result."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array

from pfrelax.formats.pack_checkin import (
    BUILT_IN_IDS,
    DEFAULT_MEASURES,
    MEASURES,
    WEEKLY_MEASURES,
)

__all__ = ["MEASURES", "WEEKLY_MEASURES", "CheckinEditor"]

Table = MutableMapping[str, Any]
PER_SESSION = "measures"
WEEKLY = "weekly"
NEW_QUESTION = {
    "question": "How confident do you feel about today's practice?",
    "low": "not at all",
    "high": "completely",
}


class CheckinEditor:
    """The `[checkin]` of one manifest document; created only when something is changed."""

    def __init__(self, manifest: Table) -> None:
        self.manifest = manifest

    # --- reading --------------------------------------------------------------------------------
    def _table(self) -> Table | None:
        table = self.manifest.get("checkin")
        return table if isinstance(table, MutableMapping) else None

    def asked(self, when: str) -> list[str]:
        """The ids named in `measures` (asked around each session) or `weekly`."""
        table = self._table()
        if when == PER_SESSION and (table is None or PER_SESSION not in table):
            return list(DEFAULT_MEASURES)  # the format's default
        values = table.get(when, []) if table is not None else []
        return [str(value) for value in values] if isinstance(values, list) else []

    def items(self) -> list[Table]:
        table = self._table()
        raw = table.get("item", []) if table is not None else []
        return [item for item in raw if isinstance(item, MutableMapping)]

    # --- built-in measures and when an item is asked --------------------------------------------
    def set_asked(self, when: str, measure: str, on: bool) -> None:
        """Ask `measure` (a built-in or an item's id) around sessions or weekly, or stop."""
        names = self._list(when)
        if on and measure not in names:
            names.append(measure)
        elif not on:
            while measure in names:
                names.remove(measure)

    def _list(self, when: str) -> Array:
        table = self._ensure_table()
        current = table.get(when)
        if not isinstance(current, Array):
            start = self.asked(when) if current is None else []
            table[when] = tomlkit.array()
            table[when].extend(start)
        array: Array = table[when]
        return array

    def _ensure_table(self) -> Table:
        table = self._table()
        if table is None:
            table = tomlkit.table()
            self.manifest["checkin"] = table
        return table

    # --- the PT's own questions -----------------------------------------------------------------
    def add_item(self) -> int:
        """A new question, valid at once and asked around each session; its index."""
        taken = {str(item.get("id", "")) for item in self.items()} | set(BUILT_IN_IDS)
        number = 1
        while f"own_question_{number}" in taken:
            number += 1
        item = tomlkit.table()
        item["id"] = f"own_question_{number}"
        item.update(NEW_QUESTION)
        table = self._ensure_table()
        if not isinstance(table.get("item"), AoT):
            table["item"] = AoT([])
        table["item"].append(item)
        self.set_asked(PER_SESSION, item["id"], True)
        return len(self.items()) - 1

    def rename_item(self, index: int, new_id: str) -> None:
        """A question's id, changed where `measures` and `weekly` name it too."""
        item = self.items()[index]
        old = str(item.get("id", ""))
        item["id"] = new_id
        for when in (PER_SESSION, WEEKLY):
            table = self._table()
            names = table.get(when) if table is not None else None
            if isinstance(names, Array):
                for position, value in enumerate(list(names)):
                    if value == old:
                        names[position] = new_id

    def remove_item(self, index: int) -> None:
        """A question out of the pack, and out of the lists that ask it."""
        items = self.items()
        removed = str(items[index].get("id", ""))
        for when in (PER_SESSION, WEEKLY):
            if removed in self.asked(when) and self._table() is not None:
                self.set_asked(when, removed, False)
        self._set_items([item for i, item in enumerate(items) if i != index])

    def move_item(self, index: int, by: int) -> int:
        """The question one place earlier (-1) or later (1); its new index."""
        items = self.items()
        target = index + by
        if not (0 <= index < len(items) and 0 <= target < len(items)):
            return index
        items.insert(target, items.pop(index))
        self._set_items(items)
        return target

    def _set_items(self, items: list[Table]) -> None:
        table = self._ensure_table()
        if not items:
            table.pop("item", None)
            return
        table["item"] = AoT(list(items))  # type: ignore[arg-type]
