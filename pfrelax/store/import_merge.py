"""Merging staged import records into the history: set-based SQL, so a million rows take seconds.

Runs and check-ins that are already there are recognised by a natural key, not by id: a run is
its session and start; a check-in is its time, moment and run. So importing the same export twice
adds nothing, and an export from another computer (whose ids overlap ours) still merges. A record
keeps its id from the file when no row has that id yet.
"""

from __future__ import annotations

import sqlite3

from pfrelax.store.fields import Problems

_NEW_RUN = """
INSERT INTO runs (id, session_id, session_title, pack_id, pack_version, started, started_offset,
    ended, ended_offset, seconds, status, progress_at, length_seconds)
SELECT
    CASE WHEN EXISTS (SELECT 1 FROM runs WHERE id = s.file_id) THEN NULL ELSE s.file_id END,
    s.session, s.title, s.pack, s.pack_version, s.started, s.started_offset,
    -- A run exported mid-session has no end: it is history now, stopped where it got to.
    coalesce(s.ended, s.started + s.seconds),
    CASE WHEN s.ended IS NULL THEN s.started_offset ELSE s.ended_offset END,
    s.seconds,
    CASE WHEN s.completed THEN 'completed' ELSE 'stopped' END,
    coalesce(s.ended, s.started + s.seconds),
    s.length_seconds
FROM import_runs s
WHERE s.seq = ?
    AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.session_id = s.session AND r.started = s.started)
"""

# Each staged run is now the first run of its session that started when it did.
_RUN_IDS = """
INSERT INTO import_run_ids (file_id, db_id)
SELECT s.file_id, (SELECT r.id FROM runs r WHERE r.session_id = s.session
    AND r.started = s.started ORDER BY r.id LIMIT 1)
FROM import_runs s
"""

# A CSV check-in names only its session: its run is the run of that session whose start (for
# "before") or end (for "after") is nearest. Sessions of the same kind are hours apart, check-ins
# minutes from their run. The edges of the runs of the sessions named go into a temporary table
# with an index, so that each check-in's nearest edge below and above is one index search (SQLite
# cannot search an index on an expression like coalesce(ended, started) by another table's
# column) ...
_EDGES = """
INSERT INTO import_edges (session, moment, edge, id)
SELECT session_id, 'before', started, id FROM runs
    WHERE session_id IN (SELECT session FROM import_checkins)
UNION ALL
SELECT session_id, 'after', coalesce(ended, started), id FROM runs
    WHERE session_id IN (SELECT session FROM import_checkins)
"""

_NEIGHBOURS = """
UPDATE import_checkins AS c SET
    below = (SELECT e.id FROM import_edges e WHERE e.session = c.session
        AND e.moment = c.moment AND e.edge <= c.at ORDER BY e.edge DESC, e.id LIMIT 1),
    above = (SELECT e.id FROM import_edges e WHERE e.session = c.session
        AND e.moment = c.moment AND e.edge >= c.at ORDER BY e.edge, e.id LIMIT 1)
WHERE c.moment IN ('before', 'after') AND c.run_ref IS NULL
"""

# ... then the nearer of the two (a tie: the lower id). JSON may name the run by its file id.
_CHOOSE_RUN = """
UPDATE import_checkins AS c SET run_id = CASE
    WHEN c.moment NOT IN ('before', 'after') THEN NULL
    WHEN c.run_ref IS NOT NULL THEN (SELECT db_id FROM import_run_ids WHERE file_id = c.run_ref)
    WHEN c.below IS NULL THEN c.above
    WHEN c.above IS NULL THEN c.below
    ELSE (SELECT CASE
            WHEN c.at - b.edge < a.edge - c.at THEN b.id
            WHEN c.at - b.edge > a.edge - c.at THEN a.id
            ELSE min(a.id, b.id) END
        FROM (SELECT id, CASE WHEN c.moment = 'before' THEN started
                ELSE coalesce(ended, started) END AS edge FROM runs WHERE id = c.below) AS b,
             (SELECT id, CASE WHEN c.moment = 'before' THEN started
                ELSE coalesce(ended, started) END AS edge FROM runs WHERE id = c.above) AS a)
END
"""

_ORPHANS = """
SELECT prefix, session, moment FROM import_checkins
WHERE moment IN ('before', 'after') AND run_id IS NULL ORDER BY seq
"""

# New: no check-in with the same time, moment and run is in the history, and this is the first
# such one in the file.
_MARK_NEW = """
UPDATE import_checkins AS c SET new = 1
WHERE NOT EXISTS (SELECT 1 FROM checkins o
        WHERE o.at = c.at AND o.moment = c.moment AND o.run_id IS c.run_id)
    AND c.seq = (SELECT min(d.seq) FROM import_checkins d
        WHERE d.at = c.at AND d.moment = c.moment AND d.run_id IS c.run_id)
"""

# Ids: the file's id where no row has it (the first check-in in the file to use it) ...
_KEEP_IDS = """
UPDATE import_checkins AS c SET db_id = c.file_id
WHERE c.new AND NOT EXISTS (SELECT 1 FROM checkins WHERE id = c.file_id)
    AND c.seq = (SELECT min(d.seq) FROM import_checkins d WHERE d.file_id = c.file_id AND d.new)
"""

# ... and after the largest id in use for the rest, in file order.
_NEXT_IDS = """
WITH base AS (SELECT max(coalesce((SELECT max(id) FROM checkins), 0),
        coalesce((SELECT max(db_id) FROM import_checkins), 0)) AS top),
    numbered AS (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM import_checkins
        WHERE new AND db_id IS NULL)
UPDATE import_checkins SET db_id = (SELECT top FROM base) + numbered.n
FROM numbered WHERE import_checkins.seq = numbered.seq
"""

_INSERT_CHECKINS = """
INSERT INTO checkins (id, run_id, at, at_offset, moment, note)
SELECT db_id, run_id, at, at_offset, moment, note FROM import_checkins WHERE new ORDER BY seq
"""

_INSERT_VALUES = """
INSERT INTO checkin_values (checkin_id, measure, value)
SELECT c.db_id, v.measure, v.value FROM import_checkins c JOIN import_values v ON v.seq = c.seq
WHERE c.new
"""


def merge_runs(con: sqlite3.Connection, count: int) -> int:
    """Insert the `count` staged runs that are new, in file order; returns how many were.

    One statement per run, so each sees the runs inserted before it: a file may list one run
    twice under two ids, and it is still one run.
    """
    cursor = con.executemany(_NEW_RUN, ((seq,) for seq in range(1, count + 1)))
    con.execute(_RUN_IDS)
    return cursor.rowcount


def merge_checkins(con: sqlite3.Connection, problems: Problems) -> int:
    """Insert the staged check-ins that are new, with their runs and ratings; returns how many.

    A before or after check-in with no run to attach to is a problem (noted, nothing inserted).
    """
    con.execute(_EDGES)
    con.execute(
        "CREATE INDEX temp.import_edges_by_session ON import_edges (session, moment, edge, id)"
    )
    con.execute(_NEIGHBOURS)
    con.execute(_CHOOSE_RUN)
    for prefix, session, moment in con.execute(_ORPHANS):
        problems.append(
            f"{prefix}session: there is no run of {session!r} in the import or in your "
            f"history to attach this {moment} check-in to"
        )
    if problems:
        return 0
    con.execute(
        "CREATE INDEX temp.import_checkins_by_key ON import_checkins (at, moment, run_id, seq)"
    )
    con.execute(_MARK_NEW)
    con.execute(_KEEP_IDS)
    con.execute(_NEXT_IDS)
    added = con.execute(_INSERT_CHECKINS).rowcount
    con.execute(_INSERT_VALUES)
    return added
