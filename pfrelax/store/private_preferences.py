"""Preferences that reveal the condition (the optional check-in measures), kept in the history.

They live inside the database so a passphrase encrypts them with everything else;
`services.preferences` is the only reader and writer. "Delete all my data" leaves them (they
are settings, like the theme), and restoring a backup keeps the current ones.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping

from pfrelax.store.migrations import PRIVATE_PREFERENCES as TABLE


def read_private(con: sqlite3.Connection) -> dict[str, bool]:
    """Every stored on/off choice by settings field; a row edited into a non-boolean is left
    out (the default applies)."""
    chosen: dict[str, bool] = {}
    for key, text in con.execute(f"SELECT key, value FROM {TABLE} ORDER BY key"):
        try:
            value = json.loads(text)
        except (TypeError, ValueError, RecursionError):
            continue
        if isinstance(value, bool):
            chosen[str(key)] = value
    return chosen


def write_private(con: sqlite3.Connection, values: Mapping[str, bool]) -> None:
    """Store `values` (inside the caller's transaction)."""
    con.executemany(
        f"INSERT OR REPLACE INTO {TABLE} (key, value) VALUES (?, ?)",
        [(key, json.dumps(value)) for key, value in sorted(values.items())],
    )
