"""What the database's old `settings` table held, kept until the preferences service has it.

Migration 6 dropped that table and moved its one value here; `services.preferences` saves it in
settings.json and only then forgets it, so a crash at any moment leaves it in one place or both.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from pfrelax.store.db import Database

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None

# The optional check-in measures the person chose, e.g. ["pain"] (the old table's one key).
MEASURES_KEY = "checkin.optional_measures"


def carried_preferences(db: Database) -> dict[str, Json]:
    """Every carried value by key; a row edited by hand into something that is not JSON reads
    as None rather than stopping whatever asked."""
    rows = db.connection.execute("SELECT key, value FROM carried_preferences ORDER BY key")
    return {str(key): _parsed(text) for key, text in rows}


def forget_carried(db: Database) -> None:
    with db.transaction() as con:
        con.execute("DELETE FROM carried_preferences")


def _parsed(text: object) -> Json:
    try:
        value: Json = json.loads(text)  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):
        return None
    return value
