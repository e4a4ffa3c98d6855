"""The schema's history: an append-only list of migrations, each applied in its own transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# 'PFRX' in the file header, so a restore can tell our database from any other SQLite file.
APPLICATION_ID = 0x50465258


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str


# APPEND ONLY. A released migration is never edited: databases in the field have already run it.
# Times are two integers, UTC seconds since 1970 and the local UTC offset in seconds, so ranges
# and ordering are plain integer comparisons and the export can still show local time.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "session runs and check-ins",
        f"""
        PRAGMA application_id = {APPLICATION_ID};
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL,
            session_title TEXT NOT NULL,
            pack_id TEXT,
            pack_version TEXT,
            started INTEGER NOT NULL,
            started_offset INTEGER NOT NULL,
            ended INTEGER,
            ended_offset INTEGER,
            seconds INTEGER NOT NULL DEFAULT 0 CHECK (seconds >= 0),
            -- 'completed' is derived from status rather than stored twice, so they cannot disagree.
            status TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'completed', 'stopped')),
            CHECK ((status = 'running') = (ended IS NULL)),
            CHECK ((pack_id IS NULL) = (pack_version IS NULL))
        );
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs (id),
            at INTEGER NOT NULL,
            at_offset INTEGER NOT NULL,
            moment TEXT NOT NULL CHECK (moment IN ('before', 'after', 'standalone', 'weekly')),
            note TEXT NOT NULL DEFAULT '',
            CHECK ((moment IN ('before', 'after')) = (run_id IS NOT NULL))
        );
        CREATE INDEX checkins_by_run ON checkins (run_id);
        CREATE TABLE checkin_values (
            checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            measure TEXT NOT NULL,
            -- NULL is "not attempted" (pain with penetration).
            value INTEGER CHECK (
                value IS NULL OR (typeof(value) = 'integer' AND value BETWEEN 0 AND 10)
            ),
            PRIMARY KEY (checkin_id, measure)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        2,
        "installed packs with the day each plan started, and settings",
        """
        CREATE TABLE installed_packs (
            pack_id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            title TEXT NOT NULL,
            installed_at INTEGER NOT NULL,
            installed_offset INTEGER NOT NULL,
            folder TEXT NOT NULL,
            plan_started TEXT CHECK (plan_started IS NULL OR plan_started GLOB
                '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
        ) WITHOUT ROWID;
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        3,
        "when each run last reported progress, and indexes for years of history",
        """
        ALTER TABLE runs ADD COLUMN progress_at INTEGER;
        -- Before v3 a run's last sign of life was not stored; its start plus time practised is the
        -- best estimate, and exactly right for every run that finished.
        UPDATE runs SET progress_at = coalesce(ended, started + seconds);
        CREATE INDEX runs_by_start ON runs (started);
        CREATE INDEX runs_by_session ON runs (session_id, started);
        CREATE INDEX checkins_by_time ON checkins (at);
        """,
    ),
    Migration(
        4,
        "each run's session length, and 'completed' only for runs mostly played",
        """
        ALTER TABLE runs ADD COLUMN length_seconds INTEGER
            CHECK (length_seconds IS NULL OR length_seconds > 0);
        -- Before v4 a run that reached the end was 'completed' however little of it was played
        -- (Next pressed to the end, a racing sound device). Its length was not stored; the
        -- longest completed play of the same session and version is the best estimate, so a
        -- completed run that played under 80 % of that becomes a partial (stopped) run.
        UPDATE runs SET status = 'stopped'
        WHERE status = 'completed' AND seconds * 5 < 4 * (
            SELECT max(other.seconds) FROM runs AS other
            WHERE other.status = 'completed' AND other.session_id = runs.session_id
            AND other.pack_id IS runs.pack_id AND other.pack_version IS runs.pack_version
        );
        """,
    ),
    Migration(
        5,
        "installed pack folders relative to the data folder, so a moved data folder keeps them",
        r"""
        -- Every install so far went to <data folder>/packs/<pack id>; a row that says so (with
        -- either separator) becomes 'packs/<pack id>'. Anything else is left as it was.
        UPDATE installed_packs SET folder = 'packs/' || pack_id
            WHERE folder LIKE '%/packs/' || pack_id OR folder LIKE '%\packs\' || pack_id;
        """,
    ),
    Migration(
        6,
        "preferences live in settings.json only: the settings table's one value waits to move",
        """
        -- The table mirrored the optional check-in measures of settings.json, and nothing put
        -- it back after "Delete all my data". Its value waits here until the preferences
        -- service has saved it in settings.json (store/carried.py); nothing else reads it.
        CREATE TABLE carried_preferences (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO carried_preferences (key, value)
            SELECT key, value FROM settings WHERE key = 'checkin.optional_measures';
        DROP TABLE settings;
        """,
    ),
    Migration(
        7,
        "the practice log after a dilator step, and the wording of a PT's own check-in questions",
        """
        CREATE TABLE dilator_logs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs (id),
            at INTEGER NOT NULL,
            at_offset INTEGER NOT NULL,
            -- The person's own name for the size ("2", "M"): their set, not ours.
            size TEXT NOT NULL CHECK (length(size) BETWEEN 1 AND 40),
            depth TEXT NOT NULL CHECK (depth IN ('tip', 'half', 'comfortable')),
            minutes INTEGER CHECK (
                minutes IS NULL OR (typeof(minutes) = 'integer' AND minutes BETWEEN 0 AND 180)
            ),
            insertion_pain INTEGER CHECK (
                insertion_pain IS NULL
                OR (typeof(insertion_pain) = 'integer' AND insertion_pain BETWEEN 0 AND 10)
            ),
            anxiety INTEGER CHECK (
                anxiety IS NULL OR (typeof(anxiety) = 'integer' AND anxiety BETWEEN 0 AND 10)
            ),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX dilator_logs_by_time ON dilator_logs (at);
        -- Only the ratings that are not of a built-in measure (the global-change answers and a
        -- PT's own questions): a few rows, so finding which there are never reads years of
        -- history. Queries repeat this WHERE to use it (store.own_questions.NOT_BUILT_IN).
        CREATE INDEX checkin_values_not_built_in ON checkin_values (measure, checkin_id)
            WHERE measure NOT IN ('distress', 'pelvic_tension', 'mood', 'body_tension', 'pain',
                'pain_with_penetration');
        -- Kept apart from the pack, so ratings keep their wording after the pack is removed or
        -- when they were imported on a computer that never had it.
        CREATE TABLE own_questions (
            id TEXT PRIMARY KEY,
            question TEXT NOT NULL,
            low TEXT NOT NULL,
            high TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        8,
        "the check-in measure choices move inside the history, so a passphrase encrypts them",
        """
        -- Which optional check-in measures the person chose (pain, body tension) tells their
        -- condition; settings.json is plain. The preferences service copies the file's values
        -- here, and only after this commit removes them from the file (store/private_preferences).
        CREATE TABLE private_preferences (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        9,
        "heart figures of runs played with a heart rate source, and the pace finder's results",
        """
        -- One row per run that had a heart rate source on. A figure is NULL when the run held
        -- too few beats to say it; corrected_beats is kept so no figure is taken for more than
        -- it is (docs/heart-rate.md).
        CREATE TABLE run_heart_figures (
            run_id INTEGER PRIMARY KEY REFERENCES runs (id),
            beats INTEGER NOT NULL CHECK (typeof(beats) = 'integer' AND beats >= 0),
            corrected_beats INTEGER NOT NULL CHECK (
                typeof(corrected_beats) = 'integer' AND corrected_beats BETWEEN 0 AND beats
            ),
            mean_hr_bpm REAL CHECK (mean_hr_bpm IS NULL OR mean_hr_bpm > 0),
            rmssd_ms REAL CHECK (rmssd_ms IS NULL OR rmssd_ms >= 0),
            peak_to_trough_bpm REAL CHECK (peak_to_trough_bpm IS NULL OR peak_to_trough_bpm >= 0),
            lf_power_ms2 REAL CHECK (lf_power_ms2 IS NULL OR lf_power_ms2 >= 0)
        );
        -- Each time the pace finder was played with a heart source: its votes and "your pace"
        -- (NULL: no pace stood out), kept as decided then even if the rule changes later.
        CREATE TABLE resonance_results (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs (id),
            at INTEGER NOT NULL,
            at_offset INTEGER NOT NULL,
            chosen_bpm REAL CHECK (chosen_bpm IS NULL OR chosen_bpm BETWEEN 3 AND 10),
            vote_peak_to_trough REAL,
            vote_lf_power REAL,
            vote_phase REAL,
            corrected_beats INTEGER NOT NULL CHECK (
                typeof(corrected_beats) = 'integer' AND corrected_beats >= 0
            )
        );
        CREATE INDEX resonance_results_by_time ON resonance_results (at);
        -- Each pace's scores, in the order played; NULL where the pace held too few beats.
        CREATE TABLE resonance_epochs (
            result_id INTEGER NOT NULL REFERENCES resonance_results (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            bpm REAL NOT NULL CHECK (bpm > 0),
            peak_to_trough REAL,
            lf_power REAL,
            phase_deg REAL CHECK (phase_deg IS NULL OR phase_deg BETWEEN -180 AND 180),
            beats INTEGER NOT NULL CHECK (beats >= 0),
            corrected_beats INTEGER NOT NULL CHECK (corrected_beats BETWEEN 0 AND beats),
            PRIMARY KEY (result_id, position)
        ) WITHOUT ROWID;
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
# Migration 8's table (store/private_preferences.py); "Delete all my data" keeps it.
PRIVATE_PREFERENCES = "private_preferences"


def apply_migrations(con: sqlite3.Connection, current: int, target: int = LATEST_VERSION) -> None:
    """Bring `con` from schema `current` to `target`, one committed transaction per step.

    A crash between steps leaves a database at a consistent earlier version that the next start
    carries on from. `con` must be in autocommit mode (isolation_level=None).
    """
    for migration in MIGRATIONS[current:target]:
        # executescript() commits anything pending first, so BEGIN has to be inside the script.
        script = (
            f"BEGIN IMMEDIATE;\n{migration.sql}\n"
            f"PRAGMA user_version = {migration.version};\nCOMMIT;"
        )
        try:
            con.executescript(script)
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
