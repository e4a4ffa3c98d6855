"""The wording of a PT's own check-in questions, kept so their ratings stay readable without the
pack (removed, or never installed on this computer)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pfrelax.core.own_questions import OwnQuestion

if TYPE_CHECKING:
    from pfrelax.store.db import Database


class OwnQuestions:
    def __init__(self, db: Database) -> None:
        self._db = db

    def remember(self, questions: Iterable[OwnQuestion]) -> None:
        """Keep (or update to) the wording the installed pack asks, in one transaction."""
        rows = [(q.id, q.question, q.low, q.high) for q in questions]
        if not rows:
            return
        with self._db.transaction() as con:
            con.executemany(
                "INSERT INTO own_questions (id, question, low, high) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET question = excluded.question, "
                "low = excluded.low, high = excluded.high",
                rows,
            )

    def known(self) -> dict[str, OwnQuestion]:
        rows = self._db.connection.execute(
            "SELECT id, question, low, high FROM own_questions ORDER BY id"
        ).fetchall()
        return {row[0]: OwnQuestion(*row) for row in rows}
