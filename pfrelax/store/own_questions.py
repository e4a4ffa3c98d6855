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


# The WHERE of the partial index checkin_values_not_built_in (migration 6), word for word:
# SQLite uses a partial index only for a query that repeats its condition.
NOT_BUILT_IN = (
    "v.measure NOT IN ('distress', 'pelvic_tension', 'mood', 'body_tension', 'pain', "
    "'pain_with_penetration')"
)


def rated_series(
    db: Database, measure: str, since_local: int | None
) -> tuple[list[float], list[int]]:
    """The ratings of a measure that is not a built-in one (the global-change answers, a PT's own
    question), "not attempted" left out, as local seconds and values, oldest first."""
    rows = db.connection.execute(
        "SELECT c.at + c.at_offset, v.value FROM checkin_values v "
        "JOIN checkins c ON c.id = v.checkin_id "
        f"WHERE {NOT_BUILT_IN} AND v.measure = ? AND v.value IS NOT NULL "
        "AND c.at + c.at_offset >= ? ORDER BY c.at, c.id",
        (measure, -(2**62) if since_local is None else since_local),
    ).fetchall()
    return [float(row[0]) for row in rows], [int(row[1]) for row in rows]


def rated_extra_measures(db: Database) -> list[str]:
    """Every measure with a rating that is not a built-in one, in name order."""
    rows = db.connection.execute(
        f"SELECT DISTINCT v.measure FROM checkin_values v WHERE {NOT_BUILT_IN} ORDER BY 1"
    ).fetchall()
    return [row[0] for row in rows]


def rated_own_ids(db: Database) -> list[str]:
    """Every own question id with a rating, whether its wording is known here or not."""
    known = OwnQuestions(db).known()
    return [m for m in rated_extra_measures(db) if m in known or is_own_question_id(m)]
