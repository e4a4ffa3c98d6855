"""The wording of a PT's own check-in questions, kept so their ratings stay readable without the
pack (removed, or never installed on this computer)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pfrelax.core.own_questions import OwnQuestion, is_own_question_id

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


def rated_series(
    db: Database, measure: str, since_local: int | None
) -> tuple[list[float], list[int]]:
    """One measure's ratings (not "not attempted") as local seconds and values, oldest first."""
    rows = db.connection.execute(
        "SELECT c.at + c.at_offset, v.value FROM checkins c "
        "JOIN checkin_values v ON v.checkin_id = c.id AND v.measure = ? "
        "WHERE v.value IS NOT NULL AND c.at + c.at_offset >= ? ORDER BY c.at, c.id",
        (measure, -(2**62) if since_local is None else since_local),
    ).fetchall()
    return [float(row[0]) for row in rows], [int(row[1]) for row in rows]


def rated_own_ids(db: Database) -> list[str]:
    """Every own question id with a rating, whether its wording is known here or not."""
    rows = db.connection.execute(
        "SELECT DISTINCT measure FROM checkin_values ORDER BY measure"
    ).fetchall()
    return [row[0] for row in rows if is_own_question_id(row[0])]
