"""Settings: small JSON values by key, stored in the database beside the history."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from pfrelax.store.db import Database

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None


class Settings:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: Json = None) -> Json:
        row = self._db.connection.execute(
            "SELECT value FROM settings WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return default
        return _parsed(row[0], default)

    def set(self, key: str, value: Json) -> None:
        # allow_nan=False: NaN is not JSON, and another reader of the file would choke on it.
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True)
        with self._db.transaction() as con:
            con.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    def delete(self, key: str) -> None:
        with self._db.transaction() as con:
            con.execute("DELETE FROM settings WHERE key = ?", (key,))

    def all(self) -> dict[str, Json]:
        rows = self._db.connection.execute("SELECT key, value FROM settings ORDER BY key")
        return {key: _parsed(text, None) for key, text in rows}


def _parsed(text: object, default: Json) -> Json:
    """A stored value; a row edited by hand into something that is not JSON reads as `default`
    rather than stopping whatever asked."""
    try:
        value: Json = json.loads(text)  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):
        return default
    return value
